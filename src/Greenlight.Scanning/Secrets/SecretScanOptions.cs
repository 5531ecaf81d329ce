namespace Greenlight.Scanning.Secrets;

public sealed class SecretScanOptions
{
    /// <summary>Larger files are skipped: secrets live in config and source, not in data dumps, and scans stay fast.</summary>
    public long MaxFileBytes { get; init; } = 2 * 1024 * 1024;
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
