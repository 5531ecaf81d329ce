using Tomlyn;
using Tomlyn.Model;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Reads gitleaks' TOML configuration (v8 format) with gitleaks' semantics, so teams bring their existing rules
/// unchanged: [[rules]] (with [[rules.allowlists]] or the older [rules.allowlist], [[rules.required]] and
/// skipReport), global [[allowlists]] (targetRules) or [allowlist], and [extend] path/useDefault/disabledRules.
/// What gitleaks refuses is refused, naming the file and key path.
/// </summary>
public static class GitleaksConfig
{
    public static SecretRuleSet Load(string path)
    {
        try
        {
            return GitleaksLayer.Read(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!, 0).ToRuleSet();
        }
        catch (IOException e)
        {
            throw new SecretConfigException($"rule file {path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>A config given as text; a relative [extend] path is taken from the current directory.</summary>
    public static SecretRuleSet Parse(string toml) =>
        GitleaksLayer.Read(toml, null, Directory.GetCurrentDirectory(), 0).ToRuleSet();

    internal static TomlTable ParseToml(string toml)
    {
        try
        {
            return TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
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
    }
}
