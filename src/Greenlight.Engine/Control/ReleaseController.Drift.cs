using Greenlight.Core.Drift;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Drift;

namespace Greenlight.Engine.Control;

public sealed partial class ReleaseController
{
    private readonly DriftMonitor _drift;
    private readonly TimeSpan _driftInterval;
    private Task _drifting = Task.CompletedTask;

    /// <summary>Checks the app for drift now (and, with <c>reconcile: auto</c>, heals what it safely can).</summary>
    public Task<DriftReport> DriftAsync(CancellationToken ct) => _drift.CheckAsync(ct);

    /// <summary>With <c>reconcile: auto</c> in the serving release's manifest: a changed route is put back, and a dead
    /// serving revision is started again through the one repair path there is. Files are never "healed".</summary>
    private async Task<IReadOnlyList<DriftFinding>> HealAsync(DriftScan scan, CancellationToken ct)
    {
        if (scan.Reconcile != ReconcileMode.Auto)
            return scan.Findings;
        var healed = new List<DriftFinding>();
        foreach (var f in scan.Findings)
            healed.Add(f switch
            {
                { Kind: DriftKind.RouteChanged } => await RouteRepair.PutBackAsync(_ctx, f, Live().Any(r => r.IsActive), ct),
                { Kind: DriftKind.RevisionDied or DriftKind.RevisionReplaced, Repair: null }
                    when await RepairServingAsync(ct) is { } repair && repair.RevisionName == f.Revision
                    => f with { Repair = $"started again by repair {repair.Id} (reconcile: auto)" },
                _ => f,
            });
        return healed;
    }
}
