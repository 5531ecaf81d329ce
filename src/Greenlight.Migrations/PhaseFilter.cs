using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations;

/// <summary>
/// Which versioned scripts a run may apply. A release applies <see cref="Expand"/> before its new revision starts
/// and <see cref="ContractUpTo"/> its own version once every older revision is retired. Changed repeatable scripts
/// run in every phase.
/// </summary>
public sealed record PhaseFilter
{
    private PhaseFilter(MigrationPhase? phase, string? upToVersion)
    {
        Phase = phase;
        UpToVersion = upToVersion;
    }

    /// <summary>Null: both phases.</summary>
    public MigrationPhase? Phase { get; }

    /// <summary>Null: no upper bound.</summary>
    public string? UpToVersion { get; }

    public static PhaseFilter All { get; } = new(null, null);

    public static PhaseFilter Expand { get; } = new(MigrationPhase.Expand, null);

    public static PhaseFilter ContractUpTo(string version) => new(MigrationPhase.Contract, version);

    /// <summary>Every pending contract script: once no older revision runs, all removals it waited for may go.</summary>
    public static PhaseFilter Contract { get; } = new(MigrationPhase.Contract, null);
}
