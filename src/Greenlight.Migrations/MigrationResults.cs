using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations;

public sealed record AppliedScript(string? Version, string Description, string Script, MigrationPhase Phase, TimeSpan Duration);

/// <summary>The script that stopped the run; the database is as it was before that script.</summary>
public sealed record ScriptFailure(string Script, string Message);

public sealed record MigrateResult(IReadOnlyList<AppliedScript> Applied, ScriptFailure? Failure)
{
    public bool Succeeded => Failure is null;
}

public enum MigrationState
{
    Pending,
    Applied,
    Failed,
    Baseline,
    /// <summary>In the history but no longer on disk.</summary>
    Missing,
    /// <summary>On disk but at or below the baseline, so never applied.</summary>
    BelowBaseline,
    /// <summary>Applied, then marked deleted by a DELETE row (<c>repair</c> of a script removed on purpose).</summary>
    Deleted,
}

/// <summary>One line of <c>db status</c>: a script, a history entry, or both.</summary>
public sealed record MigrationStatus(
    string? Version,
    string Description,
    string Script,
    MigrationState State,
    MigrationPhase? Phase,
    DateTime? InstalledOn)
{
    /// <summary>The checksum the history holds for it; null when it has no row (pending) or the row has none.</summary>
    public int? Checksum { get; init; }
}

public sealed record ValidationResult(IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

public sealed record RepairResult(int RemovedFailedEntries, int RealignedChecksums)
{
    /// <summary>Applied migrations missing from disk, marked with a DELETE row as Flyway 9+ repair does.</summary>
    public int MarkedDeleted { get; init; }
}
