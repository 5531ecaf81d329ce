using Tomlyn.Model;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// One gitleaks config file with the bases it extends already merged in: rules by id (a later duplicate replaces
/// an earlier one, as in gitleaks) and the global allowlists.
/// </summary>
internal sealed class GitleaksLayer
{
    // gitleaks follows [extend] path at most two files deep and ignores a deeper one's [extend]; so do we, so that
    // a config loads to the same rules in both.
    private const int MaxExtendDepth = 2;

    private readonly Dictionary<string, GitleaksRuleDraft> _rules = [];
    private readonly List<SecretAllowlist> _global = [];

    public static GitleaksLayer Read(string toml, string? file, string directory, int depth)
    {
        TomlTable root;
        try
        {
            root = GitleaksConfig.ParseToml(toml);
        }
        catch (SecretConfigException e) when (e.InnerException is Tomlyn.TomlException { Line: { } line, Column: { } column })
        {
            throw new SecretConfigException($"{file ?? "gitleaks config"}:{line}:{column}: {e.Message}", e);
        }
        catch (SecretConfigException e)
        {
            throw new SecretConfigException(At(file, e.Message), e);
        }
        var layer = new GitleaksLayer();
        var index = 0;
        foreach (var t in TomlRead.Tables(root, "rules"))
        {
            var draft = GitleaksRuleReader.Read(t, At(file, $"rules[{index++}]"));
            layer._rules.Remove(draft.Id); // the last of two rules with one id is the one kept, in its place
            layer._rules[draft.Id] = draft;
        }
        var allowlists = GitleaksAllowlistReader.Read(root, At(file, ""), "allowlist");
        layer._global.AddRange(allowlists.Where(a => a.TargetRules.Count == 0).Select(a => a.Allowlist));
        if (TomlRead.Table(root, "extend") is { } extend && depth < MaxExtendDepth)
            layer.Extend(Base(extend, file, directory, depth), TomlRead.Strings(extend, "disabledRules", At(file, "extend")));
        layer.Target(allowlists.Where(a => a.TargetRules.Count > 0).ToList(), file);
        return layer;
    }

    private static GitleaksLayer? Base(TomlTable extend, string? file, string directory, int depth)
    {
        var path = TomlRead.String(extend, "path");
        var useDefault = extend.TryGetValue("useDefault", out var use) && use is true;
        if (!string.IsNullOrEmpty(path) && useDefault)
            throw new SecretConfigException(At(file, "extend: 'path' and 'useDefault' cannot both be set"));
        if (useDefault) return FromDefaults();
        if (string.IsNullOrEmpty(path)) return null;
        var full = Path.GetFullPath(path, directory);
        if (!File.Exists(full))
            throw new SecretConfigException(At(file, $"extend.path: base config {full} does not exist"));
        return Read(File.ReadAllText(full), full, Path.GetDirectoryName(full)!, depth + 1);
    }

    /// <summary>useDefault means Greenlight's built-in rules (not gitleaks' own set, which we do not ship).</summary>
    private static GitleaksLayer FromDefaults()
    {
        var layer = new GitleaksLayer();
        foreach (var r in SecretRules.Default.Rules)
            layer._rules[r.Id] = new GitleaksRuleDraft
            {
                Id = r.Id, Where = "default rules", Description = r.Description, Pattern = r.Pattern,
                PathFilter = r.PathFilter, SecretGroup = r.SecretGroup, MinEntropy = r.MinEntropy,
                Keywords = [.. r.Keywords], Allowlists = [.. r.Allowlists], Required = [.. r.Required], SkipReport = r.SkipReport,
            };
        layer._global.AddRange(SecretRules.Default.GlobalAllowlists);
        return layer;
    }

    private void Extend(GitleaksLayer? @base, List<string> disabled)
    {
        if (@base is null) return;
        foreach (var (id, baseRule) in @base._rules)
        {
            if (disabled.Contains(id)) continue;
            _rules[id] = _rules.TryGetValue(id, out var own) ? own.Over(baseRule) : baseRule;
        }
        _global.InsertRange(0, @base._global);
    }

    private void Target(List<(SecretAllowlist Allowlist, List<string> TargetRules)> targeted, string? file)
    {
        foreach (var (allowlist, targets) in targeted)
            foreach (var id in targets)
            {
                if (!_rules.TryGetValue(id, out var rule))
                    throw new SecretConfigException(At(file, $"allowlists.targetRules: rule id '{id}' does not exist"));
                _rules[id] = rule with { Allowlists = [.. rule.Allowlists, allowlist] };
            }
    }

    /// <summary>An error's place: "file: key" when read from a file, the key path alone for text.</summary>
    internal static string At(string? file, string what) => file is null ? what : $"{file}: {what}";

    public SecretRuleSet ToRuleSet()
    {
        foreach (var rule in _rules.Values)
            foreach (var required in rule.Required.Where(q => !_rules.ContainsKey(q.RuleId)))
                throw new SecretConfigException($"{rule.Where} (id '{rule.Id}').required: rule id '{required.RuleId}' does not exist");
        return new SecretRuleSet(_rules.Values.Select(r => r.ToRule()).ToList(), _global);
    }
}
