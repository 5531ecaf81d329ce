using Tomlyn.Model;

namespace Greenlight.Scanning.Secrets;

/// <summary>Maps one gitleaks [[rules]] table or allowlist table onto our model, naming the rule on every error.</summary>
internal static class GitleaksRuleReader
{
    public static SecretRule Read(TomlTable t, int index)
    {
        var id = TomlRead.String(t, "id") ?? throw new SecretConfigException($"rule #{index + 1} has no id");
        var regex = TomlRead.String(t, "regex");
        var path = TomlRead.String(t, "path");
        if (regex is null && path is null) throw new SecretConfigException($"rule '{id}': needs a regex or a path");
        return new SecretRule
        {
            Id = id,
            Description = TomlRead.String(t, "description") ?? "",
            Pattern = regex is null ? null : RuleRegex.CompileGo(regex, id),
            SecretGroup = (int)TomlRead.Number(t, "secretGroup", id),
            MinEntropy = TomlRead.Number(t, "entropy", id),
            Keywords = TomlRead.Strings(t, "keywords", id).Select(k => k.ToLowerInvariant()).ToList(),
            PathFilter = path is null ? null : RuleRegex.CompileGo(path, id, "path"),
            Allowlists = Allowlists(t, $"rule '{id}'"),
        };
    }

    /// <summary>Reads both spellings: the table array "allowlists" (v8.21+) and the single table "allowlist".</summary>
    public static List<SecretAllowlist> Allowlists(TomlTable owner, string who)
    {
        var tables = TomlRead.Tables(owner, "allowlists").ToList();
        if (TomlRead.Table(owner, "allowlist") is { } single) tables.Add(single);
        return tables.Select(t => ReadAllowlist(t, who)).ToList();
    }

    private static SecretAllowlist ReadAllowlist(TomlTable t, string who)
    {
        var target = (TomlRead.String(t, "regexTarget") ?? "secret").ToLowerInvariant() switch
        {
            "secret" => AllowlistTarget.Secret,
            "match" => AllowlistTarget.Match,
            "line" => AllowlistTarget.Line,
            var other => throw new SecretConfigException($"{who}: unknown allowlist regexTarget '{other}'"),
        };
        var condition = (TomlRead.String(t, "condition") ?? "OR").ToUpperInvariant();
        if (condition is not ("OR" or "AND")) throw new SecretConfigException($"{who}: unknown allowlist condition '{condition}'");
        return new SecretAllowlist
        {
            Regexes = TomlRead.Strings(t, "regexes", who).Select(r => RuleRegex.CompileGo(r, Name(who), "allowlist regex")).ToList(),
            RegexTarget = target,
            Paths = TomlRead.Strings(t, "paths", who).Select(p => RuleRegex.CompileGo(p, Name(who), "allowlist path")).ToList(),
            StopWords = TomlRead.Strings(t, "stopwords", who),
            RequireAll = condition == "AND",
        };
    }

    // "rule 'x'" -> "x", so RuleRegex's message reads "rule 'x': invalid allowlist regex ...".
    private static string Name(string who) => who.StartsWith("rule '") ? who[6..^1] : who;
}
