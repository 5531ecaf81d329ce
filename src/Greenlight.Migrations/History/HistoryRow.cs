namespace Greenlight.Migrations.History;

/// <summary>
/// One row of a Flyway-compatible schema history table. <see cref="InstalledOn"/> is as the database wrote it, with no
/// zone (PostgreSQL: its now() in the session's time zone; SQLite: UTC), and null on a row still to be written, whose
/// time the database fills in.
/// </summary>
internal sealed record HistoryRow(
    int InstalledRank,
    string? Version,
    string Description,
    string Type,
    string Script,
    int? Checksum,
    string InstalledBy,
    DateTime? InstalledOn,
    int ExecutionTime,
    bool Success)
{
    public const string SqlType = "SQL";
    public const string BaselineType = "BASELINE";
    public const string BaselineDescription = "<< Flyway Baseline >>";

    public bool IsBaseline => Type == BaselineType;
}
