namespace Greenlight.Scanning.Secrets;

public sealed class SecretScanOptions
{
    /// <summary>Larger files are skipped: secrets live in config and source, not in data dumps, and scans stay fast.</summary>
    public long MaxFileBytes { get; init; } = 2 * 1024 * 1024;
    /// <summary>
    /// How many times encoded text (base64, hex, percent-encoding) is decoded and scanned again, as gitleaks'
    /// --max-decode-depth (whose default this is); 0 turns decoding off.
    /// </summary>
    public int MaxDecodeDepth { get; init; } = DefaultDecodeDepth;
    public const int DefaultDecodeDepth = 5;
    /// <summary>Deeper nesting is refused as a setting: no real encoding nests that far, and every pass costs.</summary>
    public const int MaxAllowedDecodeDepth = 100;
    public SecretBaseline Baseline { get; init; } = SecretBaseline.Empty;
    /// <summary>Fingerprints from the scanned tree's <c>.gitleaksignore</c> (<see cref="GitleaksIgnore.AtRoot"/>).</summary>
    public GitleaksIgnore GitleaksIgnore { get; init; } = GitleaksIgnore.Empty;
    /// <summary>Counts what the allow comments, the baseline and .gitleaksignore silenced, for the scan's report.</summary>
    public SuppressionCounts Suppressed { get; } = new();
    /// <summary>Directory names never entered: VCS data, build output and installed packages are not our source,
    /// and Greenlight's own state (its database, token, locks and step logs) is not the app's.</summary>
    public IReadOnlySet<string> SkippedDirectories { get; init; } =
        new HashSet<string>(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", ".greenlight" };
}
