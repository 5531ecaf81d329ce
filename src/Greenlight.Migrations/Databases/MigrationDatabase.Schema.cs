namespace Greenlight.Migrations.Databases;

internal abstract partial class MigrationDatabase
{
    private const int ObjectsNamed = 5;

    /// <summary>
    /// Up to <paramref name="limit"/> objects of the default schema other than the history table, each as
    /// "kind name" (e.g. <c>table orders</c>).
    /// </summary>
    protected abstract Task<IReadOnlyList<string>> SchemaObjectsAsync(int limit, CancellationToken ct);

    /// <summary>
    /// Refuses to migrate a schema that holds objects but no history table, as Flyway does: running every script from
    /// the first over objects that already exist would fail halfway or, worse, succeed on top of them. A history table
    /// that exists, even empty, means the schema is managed (Flyway checks existence too), so this is checked only
    /// before the table is created.
    /// </summary>
    public async Task RefuseUnmanagedSchemaAsync(CancellationToken ct)
    {
        if (await HistoryExistsAsync(ct))
        {
            return;
        }
        var found = await SchemaObjectsAsync(ObjectsNamed + 1, ct);
        if (found.Count == 0)
        {
            return;
        }
        var schema = (await SessionAsync(ct)).Schema;
        var named = string.Join(", ", found.Take(ObjectsNamed)) + (found.Count > ObjectsNamed ? ", ..." : "");
        throw new MigrationException(
            $"Found non-empty schema \"{schema}\" without schema history table \"{HistoryTable}\" ({named}): migrating would run every script "
            + "from the first over what already exists. Record the version the schema is at with `greenlight db baseline <version>`, then migrate.");
    }
}
