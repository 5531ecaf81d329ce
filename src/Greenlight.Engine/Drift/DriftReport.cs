using Greenlight.Core.Drift;
using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Drift;

/// <summary>The answer of a drift check (<c>greenlight drift</c>, <c>GET /v1/drift</c>).</summary>
/// <param name="Findings">Each drift found, healed at once or not.</param>
/// <param name="Unchecked">What could not be looked at, and why: none of it counts as "no drift".</param>
public sealed record DriftReport(string App, DateTimeOffset CheckedAt, ReconcileMode Reconcile, IReadOnlyList<DriftFinding> Findings, IReadOnlyList<string> Unchecked)
{
    /// <summary>Something drifts now: a finding that was not healed at once.</summary>
    public bool Drifted => Findings.Any(f => !f.Healed);
}
