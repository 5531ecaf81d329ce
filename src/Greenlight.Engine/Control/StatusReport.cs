using Greenlight.Core.Rollouts;
using Greenlight.Core.Traffic;

namespace Greenlight.Engine.Control;

/// <summary>What runs now: the edge's route, every known revision, the rollouts that are not finished,
/// and the latest look of each analysis in progress (rollout id -> verdict with its numbers).</summary>
public sealed record StatusReport(
    string App,
    string Listen,
    string? Serving,
    IReadOnlyList<RouteBackend> Route,
    IReadOnlyList<RevisionRow> Revisions,
    IReadOnlyList<Rollout> Rollouts,
    IReadOnlyDictionary<string, Core.Analysis.AnalysisVerdict> Analysis)
{
    /// <summary>Each migration script and its state, when the app has a database.</summary>
    public IReadOnlyList<Migrations.MigrationStatus>? Schema { get; init; }

    /// <summary>Why <see cref="Schema"/> could not be read (database unreachable), never a secret.</summary>
    public string? SchemaError { get; init; }

    /// <summary>What the latest drift check found (it runs every 30 s, and at once when a revision dies).</summary>
    public IReadOnlyList<Core.Drift.DriftFinding> Drift { get; init; } = [];

    /// <summary>The supervised edge (set by the controller's host; null where no supervisor runs).</summary>
    public EdgeReport? Edge { get; init; }
}

/// <param name="Role">serving (most traffic), canary (some traffic), warm (kept for rollback), starting, dead (exited
/// or stopped answering on its own),
/// idle (running, no traffic) or stopped.</param>
/// <param name="Version">The revision's name: its version, or version@digest for a config release.</param>
/// <param name="Pid">Of this instance: a revision that runs several has a row for each.</param>
/// <param name="Weight">The revision's share of traffic, which its running instances split among themselves.</param>
public sealed record RevisionRow(string Version, int Pid, int Port, bool Running, int Weight, string Role, DateTimeOffset StartedAt)
{
    /// <summary>Which of the revision's processes this row is (0 for the first).</summary>
    public int Instance { get; init; }

    /// <summary>The manifest snapshot it was started from.</summary>
    public string? ManifestDigest { get; init; }
}
