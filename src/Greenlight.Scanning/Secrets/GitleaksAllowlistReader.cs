using Tomlyn.Model;

namespace Greenlight.Scanning.Secrets;

/// <summary>Reads allowlist tables, refusing what gitleaks refuses: both spellings at once, an empty allowlist,
/// an unknown regexTarget or condition.</summary>
internal static class GitleaksAllowlistReader
{
    /// <param name="prefix">What errors start with: the owner's key path ("file: rules[2] (id 'x')."), or "file: " for global ones.</param>
    /// <param name="oldKey">The deprecated single-table spelling's name as a user writes it ("allowlist" or "rules.allowlist").</param>
    public static List<(SecretAllowlist Allowlist, List<string> TargetRules)> Read(TomlTable owner, string prefix, string oldKey)
    {
        var tables = TomlRead.Tables(owner, "allowlists").Select((t, i) => (t, $"{prefix}allowlists[{i}]")).ToList();
        if (TomlRead.Table(owner, "allowlist") is { } single)
        {
            // gitleaks refuses the mix rather than guess which one the author meant to keep.
            if (tables.Count > 0)
                throw new SecretConfigException($"{prefix}allowlist: [{oldKey}] (deprecated) cannot be used alongside [[{oldKey}s]]; use only [[{oldKey}s]]");
            tables.Add((single, $"{prefix}allowlist"));
        }
        return tables.Select(x => (ReadOne(x.Item1, x.Item2), TomlRead.Strings(x.Item1, "targetRules", x.Item2))).ToList();
    }

    private static SecretAllowlist ReadOne(TomlTable t, string where)
    {
        var target = (TomlRead.String(t, "regexTarget") ?? "secret") switch
        {
            "" or "secret" => AllowlistTarget.Secret,
            "match" => AllowlistTarget.Match,
            "line" => AllowlistTarget.Line,
            var other => throw new SecretConfigException($"{where}.regexTarget: unknown value '{other}' (expected 'secret', 'match' or 'line')"),
        };
        var condition = (TomlRead.String(t, "condition") ?? "OR").ToUpperInvariant();
        if (condition is not ("" or "OR" or "||" or "AND" or "&&"))
            throw new SecretConfigException($"{where}.condition: unknown value '{condition}' (expected 'and' or 'or')");
        var commits = TomlRead.Strings(t, "commits", where);
        var allowlist = new SecretAllowlist
        {
            Regexes = TomlRead.Strings(t, "regexes", where).Select(r => RuleRegex.CompileGo(r, "", "allowlist regex", where)).ToList(),
            RegexTarget = target,
            Paths = TomlRead.Strings(t, "paths", where).Select(p => RuleRegex.CompileGo(p, "", "allowlist path", where)).ToList(),
            StopWords = TomlRead.Strings(t, "stopwords", where),
            RequireAll = condition is "AND" or "&&",
        };
        if (commits.Count == 0 && allowlist.Regexes.Count == 0 && allowlist.Paths.Count == 0 && allowlist.StopWords.Count == 0)
            throw new SecretConfigException($"{where}: an allowlist must contain at least one of commits, paths, regexes or stopwords");
        return allowlist;
    }
}
