using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Scripts;

/// <summary>
/// One script on disk; <see cref="FileName"/> is its path relative to the migrations folder, '/'-separated, as Flyway
/// writes it to the history's script column. Repeatable scripts have no version and are matched to history by description.
/// </summary>
internal sealed record MigrationScript(
    MigrationVersion? Version,
    string Description,
    string FileName,
    string Sql,
    int Checksum,
    MigrationPhase Phase)
{
    public bool IsRepeatable => Version is null;

    /// <summary>
    /// A repeatable script's checksum over its text before placeholder replacement, when <see cref="Checksum"/> is
    /// over the replaced text (as Flyway's): an applied row with either is up to date.
    /// </summary>
    public int? UnreplacedChecksum { get; init; }

    public bool ChecksumMatches(int? applied) => applied == Checksum || (UnreplacedChecksum is not null && applied == UnreplacedChecksum);
}
