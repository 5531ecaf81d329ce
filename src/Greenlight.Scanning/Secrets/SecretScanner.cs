using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Secrets;

/// <summary>Finds secrets in text or in a working tree with a rule set (the default rules unless told otherwise).</summary>
public sealed class SecretScanner
{
    /// <summary>Written on the same line as a deliberate, harmless secret (e.g. a test fixture) to accept it.</summary>
    public const string AllowComment = "greenlight:allow-secret";

    private readonly SecretRuleSet _rules;
    private readonly SecretScanOptions _options;
    private readonly KeywordMatcher _keywords;
    private readonly int[][] _ruleKeywords; // per rule: indexes into the matcher's keywords

    public SecretScanner(SecretRuleSet? rules = null, SecretScanOptions? options = null)
    {
        _rules = rules ?? SecretRules.Default;
        _options = options ?? new SecretScanOptions();
        var all = _rules.Rules.SelectMany(r => r.Keywords).Select(k => k.ToLowerInvariant()).Distinct().ToList();
        var index = all.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        _ruleKeywords = _rules.Rules.Select(r => r.Keywords.Select(k => index[k.ToLowerInvariant()]).ToArray()).ToArray();
        _keywords = new KeywordMatcher(all);
    }

    public IReadOnlyList<SecretFinding> ScanDirectory(string root)
    {
        // Files are independent and the scanner is immutable, so they are scanned in parallel; AsOrdered keeps
        // the report in the same (path) order from run to run.
        return TreeWalker.Files(root, _options)
            .Where(f => !_rules.GlobalAllowlists.Any(a => a.AllowsPath(f.RelativePath)))
            .AsParallel().AsOrdered()
            .SelectMany(f => TreeWalker.ReadText(f.FullPath) is { } text ? ScanText(f.RelativePath, text) : [])
            .ToList();
    }

    /// <param name="path">Relative, '/'-separated path: used by path filters, allowlists and fingerprints.</param>
    public IReadOnlyList<SecretFinding> ScanText(string path, string text)
    {
        var present = _keywords.FindPresent(text);
        var findings = new List<SecretFinding>();
        var hits = new List<Hit>();
        LineIndex? lines = null;
        for (var r = 0; r < _rules.Rules.Count; r++)
        {
            var rule = _rules.Rules[r];
            if (rule.PathFilter is not null && !rule.PathFilter.IsMatch(path)) continue;
            if (rule.Allowlists.Any(a => a.AllowsPath(path))) continue;
            if (rule.Pattern is null)
            {
                // A path-only rule (e.g. "*.pem files") flags the file's presence itself.
                var fp = Fingerprint.Of(path, rule.Id, "");
                if (!_options.Baseline.Contains(fp)) findings.Add(new(rule.Id, rule.Description, path, 1, 1, "(file path matches rule)", fp));
                continue;
            }
            if (_ruleKeywords[r].Length > 0 && !_ruleKeywords[r].Any(k => present[k])) continue;
            foreach (Match m in Matches(rule.Pattern, text))
            {
                lines ??= new LineIndex(text);
                if (Evaluate(rule, path, m, lines) is { } hit) hits.Add(hit);
            }
        }
        findings.AddRange(ToFindings(path, hits));
        findings.Sort((a, b) => (a.Line, a.Column).CompareTo((b.Line, b.Column)));
        return findings;
    }

    private static IEnumerable<Match> Matches(Regex pattern, string text)
    {
        // A pathological user regex must not stall the whole release: after its timeout the rule skips the file.
        var list = new List<Match>();
        try
        {
            for (var m = pattern.Match(text); m.Success; m = m.NextMatch()) list.Add(m);
        }
        catch (RegexMatchTimeoutException) { }
        return list;
    }

    /// <summary>A candidate that passed entropy and allowlists, before redaction and the baseline.</summary>
    private sealed record Hit(SecretRule Rule, int LineNo, int Column, string Secret, string Line, string Fingerprint);

    private IEnumerable<SecretFinding> ToFindings(string path, List<Hit> hits)
    {
        // Every secret on a line is masked in each excerpt of that line: otherwise the excerpt of one finding
        // would print in full another secret sitting next to it (an AWS key id and its secret key, say).
        var spansByLine = hits.ToLookup(h => h.LineNo, h => (h.Column, h.Secret.Length));
        foreach (var h in hits)
        {
            if (_options.Baseline.Contains(h.Fingerprint)) continue;
            yield return new SecretFinding(h.Rule.Id, h.Rule.Description, path, h.LineNo + 1, h.Column + 1,
                Redactor.Excerpt(h.Line, spansByLine[h.LineNo]), h.Fingerprint);
        }
    }

    private Hit? Evaluate(SecretRule rule, string path, Match m, LineIndex lines)
    {
        var group = SecretGroupOf(rule, m);
        var secret = group.Value;
        if (secret.Length == 0) return null;
        if (rule.MinEntropy > 0 && ShannonEntropy.Of(secret) < rule.MinEntropy) return null;

        var lineNo = lines.LineOf(group.Index);
        var line = lines.TextOf(lineNo);
        if (line.Contains(AllowComment, StringComparison.OrdinalIgnoreCase)) return null;
        if (rule.Allowlists.Concat(_rules.GlobalAllowlists).Any(a => a.Allows(path, secret, m.Value, line))) return null;

        var column = group.Index - lines.StartOf(lineNo);
        return new Hit(rule, lineNo, column, secret, line, Fingerprint.Of(path, rule.Id, line));
    }

    private static Group SecretGroupOf(SecretRule rule, Match m)
    {
        if (rule.SecretGroup > 0 && rule.SecretGroup < m.Groups.Count) return m.Groups[rule.SecretGroup];
        for (var g = 1; g < m.Groups.Count; g++)
            if (m.Groups[g].Success && m.Groups[g].Length > 0) return m.Groups[g];
        return m.Groups[0];
    }
}
