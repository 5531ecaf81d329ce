namespace Greenlight.Scanning.Dependencies;

/// <summary>Outcome of the gate: which findings block, which were ignored, which ignores expired.</summary>
public sealed record DependencyGateResult(
    bool Passed,
    IReadOnlyList<DependencyFinding> Blocking,
    IReadOnlyList<DependencyFinding> Ignored,
    IReadOnlyList<IgnoreEntry> ExpiredIgnores);

/// <summary>
/// Fails a release when a finding reaches the minimum severity and no live ignore entry covers it.
/// Time comes from a <see cref="TimeProvider"/> so expiry is testable and consistent in one run.
/// </summary>
public sealed class DependencyGate
{
    private readonly Severity failAt;
    private readonly IReadOnlyList<IgnoreEntry> ignores;
    private readonly TimeProvider time;

    public DependencyGate(Severity failAt, IEnumerable<IgnoreEntry>? ignores = null, TimeProvider? time = null)
    {
        this.failAt = failAt;
        this.ignores = ignores?.ToList() ?? [];
        this.time = time ?? TimeProvider.System;
    }

    public DependencyGateResult Evaluate(IEnumerable<DependencyFinding> findings)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        // Expired entries are reported (so someone renews or fixes) and no longer suppress anything.
        var expired = ignores.Where(i => i.Expires < today).ToList();
        var live = ignores.Where(i => i.Expires >= today).ToList();
        var blocking = new List<DependencyFinding>();
        var ignored = new List<DependencyFinding>();
        foreach (var finding in findings)
        {
            if (live.Any(i => Covers(i, finding)))
            {
                ignored.Add(finding);
            }
            else if (finding.Severity >= failAt)
            {
                blocking.Add(finding);
            }
        }
        return new DependencyGateResult(blocking.Count == 0, blocking, ignored, expired);
    }

    private static bool Covers(IgnoreEntry entry, DependencyFinding finding) =>
        string.Equals(entry.Id, finding.VulnerabilityId, StringComparison.OrdinalIgnoreCase)
        || finding.Aliases.Contains(entry.Id, StringComparer.OrdinalIgnoreCase);
}
