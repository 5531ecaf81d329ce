using Tomlyn;
using Tomlyn.Model;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Reads gitleaks' TOML configuration (v8 format), so teams bring their existing rules unchanged:
/// [[rules]] with id/description/regex/secretGroup/entropy/keywords/path and [[rules.allowlists]]
/// (or the older [rules.allowlist]), global [allowlist]/[[allowlists]], and [extend] useDefault.
/// </summary>
public static class GitleaksConfig
{
    public static SecretRuleSet Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (SecretConfigException e) when (e.InnerException is TomlException { Line: { } line, Column: { } column })
        {
            throw new SecretConfigException($"{path}:{line}:{column}: {e.Message}", e);
        }
        catch (SecretConfigException e)
        {
            throw new SecretConfigException($"{path}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new SecretConfigException($"rule file {path} cannot be read: {e.Message}", e);
        }
    }

    public static SecretRuleSet Parse(string toml)
    {
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        }
        catch (TomlException e) when (e.Diagnostics is { Count: > 0 } diagnostics)
        {
            // Each diagnostic's own text, without the "(line,column) : error :" that Load puts in front as file:line:column.
            throw new SecretConfigException($"invalid TOML: {string.Join("; ", diagnostics.Select(d => d.Message))}", e);
        }
        catch (Exception e) when (e is not SecretConfigException)
        {
            throw new SecretConfigException($"invalid TOML: {e.Message}", e);
        }

        var rules = TomlRead.Tables(root, "rules").Select(GitleaksRuleReader.Read).ToList();
        var global = GitleaksRuleReader.Allowlists(root, "global allowlist");
        // [extend] useDefault = true layers the team's rules over ours; their rule wins on a shared id.
        if (TomlRead.Table(root, "extend") is { } extend && extend.TryGetValue("useDefault", out var use) && use is true)
        {
            var own = rules.Select(r => r.Id).ToHashSet();
            rules.InsertRange(0, SecretRules.Default.Rules.Where(r => !own.Contains(r.Id)));
            global.InsertRange(0, SecretRules.Default.GlobalAllowlists);
        }
        return new SecretRuleSet(rules, global);
    }
}
