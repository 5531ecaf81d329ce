using Tomlyn.Model;

namespace Greenlight.Scanning.Secrets;

/// <summary>Maps one gitleaks [[rules]] table onto a draft, naming the rule's key path on every error.</summary>
internal static class GitleaksRuleReader
{
    public static GitleaksRuleDraft Read(TomlTable t, string where)
    {
        try
        {
            return ReadRule(t, where);
        }
        catch (SecretConfigException e) when (!e.Message.StartsWith(where, StringComparison.Ordinal))
        {
            throw new SecretConfigException($"{where}: {e.Message}", e);
        }
    }

    private static GitleaksRuleDraft ReadRule(TomlTable t, string where)
    {
        var id = TomlRead.String(t, "id");
        if (string.IsNullOrWhiteSpace(id)) throw new SecretConfigException($"{where}: 'id' is missing or empty");
        var who = $"{where} (id '{id}')";
        var regex = TomlRead.String(t, "regex");
        var path = TomlRead.String(t, "path");
        return new GitleaksRuleDraft
        {
            Id = id,
            Where = where,
            Description = TomlRead.String(t, "description"),
            Pattern = string.IsNullOrEmpty(regex) ? null : RuleRegex.CompileGo(regex, id, at: who),
            PathFilter = string.IsNullOrEmpty(path) ? null : RuleRegex.CompileGo(path, id, "path", who),
            SecretGroup = (int)TomlRead.Number(t, "secretGroup", id),
            MinEntropy = TomlRead.Number(t, "entropy", id),
            Keywords = TomlRead.Strings(t, "keywords", id).Select(k => k.ToLowerInvariant()).ToList(),
            Allowlists = GitleaksAllowlistReader.Read(t, who + ".", "rules.allowlist").Select(a => a.Allowlist).ToList(),
            Required = TomlRead.Tables(t, "required").Select((r, i) => Required(r, $"{who}.required[{i}]")).ToList(),
            SkipReport = t.TryGetValue("skipReport", out var skip)
                && (skip as bool? ?? throw new SecretConfigException($"{who}.skipReport: must be true or false")),
        };
    }

    private static RequiredRule Required(TomlTable t, string where)
    {
        var id = TomlRead.String(t, "id");
        if (string.IsNullOrWhiteSpace(id)) throw new SecretConfigException($"{where}: 'id' is missing or empty");
        return new RequiredRule(id, Distance(t, "withinLines", where), Distance(t, "withinColumns", where));
    }

    private static int? Distance(TomlTable t, string key, string where) =>
        !t.TryGetValue(key, out var v) ? null
        : v is long n and >= 0 ? (int)n
        : throw new SecretConfigException($"{where}.{key}: must be a whole number of 0 or more");
}
