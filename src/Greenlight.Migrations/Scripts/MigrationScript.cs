using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Scripts;

/// <summary>One script on disk. Repeatable scripts have no version and are matched to history by description.</summary>
internal sealed record MigrationScript(
    MigrationVersion? Version,
    string Description,
    string FileName,
    string Sql,
    int Checksum,
    MigrationPhase Phase)
{
    public bool IsRepeatable => Version is null;
}
