namespace Greenlight.Scanning.Secrets;

/// <summary>
/// gitleaks' <c>.gitleaksignore</c>: one fingerprint a line, <c>file:rule-id:line</c> (any scan, any commit) or
/// <c>commit:file:rule-id:line</c> (that commit only); blank lines and lines starting with '#' are skipped. The
/// line is the one where the rule's whole match starts, 0 for a path-only rule, as gitleaks counts it.
/// </summary>
public sealed class GitleaksIgnore
{
    public const string FileName = ".gitleaksignore";

    private readonly HashSet<string> _entries;

    private GitleaksIgnore(HashSet<string> entries, IReadOnlyList<string> warnings)
    {
        _entries = entries;
        Warnings = warnings;
    }

    public static GitleaksIgnore Empty { get; } = new([], []);

    public int Count => _entries.Count;

    /// <summary>
    /// Lines not shaped like a fingerprint. gitleaks warns about them and keeps them, and so do we; the warning
    /// names the file and line, so that a typo is not taken for an accepted finding.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The <see cref="FileName"/> at the root of the scanned tree, or <see cref="Empty"/> without one.</summary>
    /// <exception cref="SecretConfigException">The file exists but cannot be read.</exception>
    public static GitleaksIgnore AtRoot(string root)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path)) return Empty;
        try
        {
            return Parse(path, File.ReadAllLines(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretConfigException($"{path}: cannot be read: {e.Message}", e);
        }
    }

    internal static GitleaksIgnore Parse(string path, IEnumerable<string> lines)
    {
        var entries = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(':');
            // gitleaks writes paths with '/', and accepts Windows' '\' in the file's path part.
            if (parts.Length is 3 or 4)
                parts[^3] = parts[^3].Replace('\\', '/');
            // Like gitleaks, an odd entry is kept as written (a path may hold ':'), with a warning.
            if (parts.Length is not (3 or 4) || parts[^1].Length == 0 || !parts[^1].All(char.IsAsciiDigit))
                warnings.Add($"{path}:{number}: '{line}' is not file:rule-id:line or commit:file:rule-id:line; " +
                    "kept as written, as gitleaks does: it only silences a finding whose fingerprint is exactly that");
            entries.Add(string.Join(':', parts));
        }
        return new(entries, warnings);
    }

    /// <summary>Whether a finding at <paramref name="line"/> (gitleaks' numbering) is listed.</summary>
    internal bool Lists(string? commit, string file, string ruleId, int line) =>
        _entries.Count > 0
        && (_entries.Contains($"{file}:{ruleId}:{line}")
            || commit is not null && _entries.Contains(Fingerprint.OfCommit(commit, file, ruleId, line)));
}
