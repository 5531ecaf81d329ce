namespace Greenlight.Migrations.History;

/// <summary>The history row types Flyway writes, and which of them are markers rather than applied migrations.</summary>
internal static class RowTypes
{
    /// <summary>Written by <c>flyway repair</c> (Flyway 9+) for an applied migration removed on purpose: it cancels that row.</summary>
    public const string Delete = "DELETE";

    /// <summary>Flyway's <c>&lt;&lt; Flyway Schema Creation &gt;&gt;</c> row, rank 0, for the schemas it created.</summary>
    public const string Schema = "SCHEMA";

    /// <summary>Markers only ever found in the history, never on disk (Flyway's "synthetic" types).</summary>
    public static bool IsSynthetic(string type) => type is HistoryRow.BaselineType or Schema or Delete;

    /// <summary>Flyway Teams undo rows: which versions they undid is Teams logic Greenlight does not have.</summary>
    public static bool IsUndo(string type) => type.StartsWith("UNDO_", StringComparison.Ordinal);
}
