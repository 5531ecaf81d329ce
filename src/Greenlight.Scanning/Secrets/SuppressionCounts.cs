namespace Greenlight.Scanning.Secrets;

/// <summary>How a finding was silenced on purpose: every one is counted, so a scan never hides findings quietly.</summary>
public enum Suppression { AllowComment, GitleaksAllow, Baseline, GitleaksIgnore }

/// <summary>Findings each suppression mechanism dropped during a scan; safe to add to from parallel file scans.</summary>
public sealed class SuppressionCounts
{
    /// <summary>gitleaks' inline comment (detect.go's gitleaksAllowSignature).</summary>
    public const string GitleaksAllow = "gitleaks:allow";

    private readonly int[] _counts = new int[Enum.GetValues<Suppression>().Length];

    public int this[Suppression kind] => Volatile.Read(ref _counts[(int)kind]);

    public int Total => _counts.Sum();

    internal void Add(Suppression kind) => Interlocked.Increment(ref _counts[(int)kind]);

    /// <summary>
    /// Which inline comment, if any, silences a finding whose match spans <paramref name="lines"/>. Ours is
    /// case-insensitive; gitleaks' is matched as gitleaks does: case-sensitive, anywhere on those lines.
    /// </summary>
    internal static Suppression? InlineIn(string lines) =>
        lines.Contains(SecretScanner.AllowComment, StringComparison.OrdinalIgnoreCase) ? Suppression.AllowComment
        : lines.Contains(GitleaksAllow, StringComparison.Ordinal) ? Suppression.GitleaksAllow
        : null;

    /// <summary>e.g. "suppressed 3 findings: 1 by greenlight:allow-secret, 2 by .gitleaksignore".</summary>
    public override string ToString()
    {
        var parts = Enum.GetValues<Suppression>().Where(k => this[k] > 0).Select(k => $"{this[k]} by {Name(k)}").ToList();
        return parts.Count == 0 ? "no finding suppressed"
            : $"suppressed {Total} {(Total == 1 ? "finding" : "findings")}: {string.Join(", ", parts)}";
    }

    private static string Name(Suppression kind) => kind switch
    {
        Suppression.AllowComment => SecretScanner.AllowComment,
        Suppression.GitleaksAllow => GitleaksAllow,
        Suppression.Baseline => "the baseline",
        _ => GitleaksIgnore.FileName,
    };
}
