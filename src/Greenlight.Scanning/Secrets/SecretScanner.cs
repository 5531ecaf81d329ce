using System.Text.RegularExpressions;
using Greenlight.Scanning.Trees;

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

    /// <summary>Findings in every regular file under <paramref name="root"/>, in path order.</summary>
    /// <param name="gaps">Receives what was not read (special files, unreadable files). Without it, a file that
    /// cannot be read fails the scan with an <see cref="IOException"/>: a scan must not pass what it did not see.</param>
    public IReadOnlyList<SecretFinding> ScanDirectory(string root, TreeGaps? gaps = null, CancellationToken ct = default)
    {
        var recorded = gaps ?? new TreeGaps();
        // Every file is walked, whatever its size: a path-only rule reports a file by its name alone.
        var filter = new TreeFilter(_options.SkippedDirectories, _ => true);
        // Files are independent and the scanner is immutable, so they are scanned in parallel; AsOrdered keeps
        // the report in the same (path) order from run to run.
        var findings = SourceTree.Files(root, filter, recorded, ct)
            .Where(f => !_rules.GlobalAllowlists.Any(a => a.AllowsPath(f.RelativePath)))
            .AsParallel().AsOrdered().WithCancellation(ct)
            .SelectMany(f => ScanFile(f.FullPath, f.RelativePath, recorded))
            .ToList();
        if (gaps is null)
            recorded.ThrowIfIncomplete();
        return findings;
    }

    private List<SecretFinding> ScanFile(string fullPath, string path, TreeGaps gaps)
    {
        // The path-only findings (a .p12, a .pem) stand on the name alone, as in gitleaks: a binary, oversized or
        // unreadable file is still reported by them. Only the pattern rules need its text.
        var findings = PathFindings(path, TextOrigin.WorkingTree);
        if (gaps.TryRead(path, () => new FileInfo(fullPath).Length <= _options.MaxFileBytes ? FileText.Read(fullPath) : null, out var text)
            && text is not null)
        {
            using (text)
                findings.AddRange(TextFindings(path, text.Span, null, TextOrigin.WorkingTree));
        }
        return ByPosition(findings);
    }

    /// <param name="path">Relative, '/'-separated path: used by path filters, allowlists and fingerprints.</param>
    public IReadOnlyList<SecretFinding> ScanText(string path, string text)
    {
        var findings = PathFindings(path, TextOrigin.WorkingTree);
        findings.AddRange(TextFindings(path, text, text, TextOrigin.WorkingTree));
        return ByPosition(findings);
    }

    private static List<SecretFinding> ByPosition(List<SecretFinding> findings)
    {
        // Several rules may report one secret; ordering them by id keeps the report the same from run to run.
        findings.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line)
            : a.Column != b.Column ? a.Column.CompareTo(b.Column) : string.CompareOrdinal(a.RuleId, b.RuleId));
        return findings;
    }

    /// <summary>Findings of the path-only rules (e.g. "*.pem files"), which flag the file's presence itself.</summary>
    internal List<SecretFinding> PathFindings(string path, TextOrigin origin)
    {
        var findings = new List<SecretFinding>();
        foreach (var rule in _rules.Rules)
        {
            if (rule.Pattern is not null || rule.SkipReport || !Applies(rule, path)) continue;
            // gitleaks gives a path-only finding line 0 in its fingerprint.
            var fp = origin.FingerprintOf(path, rule.Id, 0, "");
            if (Suppressed(fp, origin.Commit, path, rule.Id, 0)) continue;
            findings.Add(new(rule.Id, rule.Description, path, 1, 1, "(file path matches rule)", fp)
            {
                Commit = origin.Commit,
                AuthorDate = origin.AuthorDate,
            });
        }
        return findings;
    }

    /// <summary>Findings of the pattern rules in text whose first line is line origin.FirstLine of the file.</summary>
    internal List<SecretFinding> TextFindings(string path, string text, TextOrigin origin) => TextFindings(path, text, text, origin);

    /// <param name="span">The text to scan.</param>
    /// <param name="text">The same text as a string, when the caller has one; made only once a rule matches.</param>
    private List<SecretFinding> TextFindings(string path, ReadOnlySpan<char> span, string? text, TextOrigin origin)
    {
        var hits = Hits(path, span, text);
        return hits.Count == 0 ? [] : [.. ToFindings(path, hits, origin)];
    }

    /// <summary>
    /// <paramref name="text"/> with every secret the rules find in it replaced by its redaction: for text that is
    /// shown or stored but not scanned as a file, such as the output of a pipeline step.
    /// </summary>
    public string Redact(string text)
    {
        var hits = Hits("", text, text);
        if (hits.Count == 0)
            return text;
        var redacted = new System.Text.StringBuilder(text.Length);
        var pos = 0;
        foreach (var hit in hits.OrderBy(h => h.Index))
        {
            if (hit.Inline is not null || hit.Index + hit.Secret.Length <= pos) continue; // allowed, or already masked
            var from = Math.Max(hit.Index, pos);
            redacted.Append(text, pos, from - pos).Append(Redactor.Redact(text[from..(hit.Index + hit.Secret.Length)]));
            pos = hit.Index + hit.Secret.Length;
        }
        return redacted.Append(text, pos, text.Length - pos).ToString();
    }

    private List<SecretHit> Hits(string path, ReadOnlySpan<char> span, string? text)
    {
        var present = _keywords.FindPresent(span);
        var hits = new List<SecretHit>();
        LineIndex? lines = null;
        for (var r = 0; r < _rules.Rules.Count; r++)
        {
            var rule = _rules.Rules[r];
            if (rule.Pattern is null || !Applies(rule, path)) continue;
            if (_ruleKeywords[r].Length > 0 && !_ruleKeywords[r].Any(k => present[k])) continue;
            // Most files a rule's keywords let through hold no match at all ("token" is in every other line of
            // code): a probe on the span says so without turning the file into a string, which only the capture
            // groups of a real match need.
            if (text is null && !HasMatch(rule.Pattern, span)) continue;
            text ??= new string(span);
            foreach (Match m in Matches(rule.Pattern, text))
            {
                lines ??= new LineIndex(text);
                if (Evaluate(rule, path, m, lines) is { } hit)
                    hits.Add(hit);
            }
        }
        return RulePrecedence.Apply(CompositeRules.Apply(hits));
    }

    private static bool Applies(SecretRule rule, string path) =>
        (rule.PathFilter is null || rule.PathFilter.IsMatch(path)) && !rule.Allowlists.Any(a => a.AllowsPath(path));

    private static bool HasMatch(Regex pattern, ReadOnlySpan<char> span)
    {
        try
        {
            foreach (var _ in pattern.EnumerateMatches(span)) return true;
            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // as in Matches: the rule skips the file
        }
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

    private IEnumerable<SecretFinding> ToFindings(string path, List<SecretHit> hits, TextOrigin origin)
    {
        // Every secret on a line is masked in each excerpt of that line: otherwise the excerpt of one finding
        // would print in full another secret sitting next to it (an AWS key id and its secret key, say).
        var spansByLine = hits.ToLookup(h => h.LineNo, h => (h.Column, h.Secret.Length));
        foreach (var h in hits)
        {
            if (h.Inline is { } inline)
            {
                _options.Suppressed.Add(inline);
                continue;
            }
            var line = origin.FirstLine + h.LineNo;
            // gitleaks numbers a finding by the line its whole match starts on, which the fingerprint keeps.
            var matchLine = origin.FirstLine + h.MatchLineNo;
            var fingerprint = origin.FingerprintOf(path, h.Rule.Id, matchLine, h.Line);
            if (Suppressed(fingerprint, origin.Commit, path, h.Rule.Id, matchLine)) continue;
            yield return new SecretFinding(h.Rule.Id, h.Rule.Description, path, line, h.Column + 1,
                Redactor.Excerpt(h.Line, spansByLine[h.LineNo]), fingerprint)
            { Commit = origin.Commit, AuthorDate = origin.AuthorDate };
        }
    }

    private bool Suppressed(string fingerprint, string? commit, string path, string ruleId, int gitleaksLine)
    {
        Suppression? by = _options.Baseline.Contains(fingerprint) ? Suppression.Baseline
            : _options.GitleaksIgnore.Lists(commit, path, ruleId, gitleaksLine) ? Suppression.GitleaksIgnore
            : null;
        if (by is { } kind) _options.Suppressed.Add(kind);
        return by is not null;
    }

    private SecretHit? Evaluate(SecretRule rule, string path, Match m, LineIndex lines)
    {
        var group = SecretGroupOf(rule, m);
        if (group.Length == 0) return null;
        // Most candidates fail here (placeholders, masks), so the secret only becomes a string after it.
        // As in gitleaks, the secret must exceed the threshold: one exactly at it is dropped.
        if (rule.MinEntropy > 0 && ShannonEntropy.Of(group.ValueSpan) <= rule.MinEntropy) return null;
        var secret = group.Value;

        var lineNo = lines.LineOf(group.Index);
        var line = lines.TextOf(lineNo);
        // An allow comment anywhere on the lines the whole match spans silences it, as gitleaks decides. It is
        // applied once one secret is one finding, so that a silenced secret counts once, whatever rules match it.
        var matchLineNo = lines.LineOf(m.Index);
        var inline = SuppressionCounts.InlineIn(lines.TextOf(matchLineNo, lines.LineOf(m.Index + Math.Max(m.Length, 1) - 1)));
        if (rule.Allowlists.Concat(_rules.GlobalAllowlists).Any(a => a.Allows(path, secret, m.Value, line))) return null;

        var column = group.Index - lines.StartOf(lineNo);
        return new SecretHit(rule, group.Index, lineNo, column, secret, line, matchLineNo, inline);
    }

    private static Group SecretGroupOf(SecretRule rule, Match m)
    {
        if (rule.SecretGroup > 0 && rule.SecretGroup < m.Groups.Count) return m.Groups[rule.SecretGroup];
        for (var g = 1; g < m.Groups.Count; g++)
            if (m.Groups[g].Success && m.Groups[g].Length > 0) return m.Groups[g];
        return m.Groups[0];
    }
}
