namespace Greenlight.Migrations.Tests.Execution;

/// <summary>A schema that holds objects but no history is refused, as Flyway refuses it, pointing at baseline.</summary>
public sealed class UnmanagedSchemaTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_NonEmptySchemaWithoutHistory_IsRefusedNamingObjectsAndBaseline(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ExecuteAsync("CREATE TABLE orders (id INT); CREATE VIEW recent_orders AS SELECT id FROM orders;");
        db.Script("V1__orders.sql", "CREATE TABLE orders (id INT);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());

        var schema = provider == "sqlite" ? "main" : "public";
        Assert.StartsWith($"Found non-empty schema \"{schema}\" without schema history table \"greenlight_schema_history\" (table orders, view recent_orders)", error.Message);
        Assert.Contains("`greenlight db baseline <version>`", error.Message);
        Assert.False(await db.TableExistsAsync("greenlight_schema_history"));
    }

    [Fact]
    public async Task Migrate_PostgresSchemaWithOnlyAFunctionAndAType_IsRefusedToo()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await db.ExecuteAsync("CREATE TYPE mood AS ENUM ('ok'); CREATE FUNCTION answer() RETURNS INT LANGUAGE sql AS 'SELECT 42';");
        db.Script("V1__orders.sql", "CREATE TABLE orders (id INT);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());

        Assert.Contains("(function answer, type mood)", error.Message);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_AfterBaseline_ContinuesFromTheBaseline(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ExecuteAsync("CREATE TABLE orders (id INT)");
        db.Script("V1__orders.sql", "CREATE TABLE orders (id INT);");
        db.Script("V2__items.sql", "CREATE TABLE items (id INT);");

        await db.Migrator().BaselineAsync("1");
        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("V2__items.sql", Assert.Single(result.Applied).Script);
    }

    // Flyway checks that the history table exists, not that it has rows: an existing (even empty) history table means
    // the schema is managed, and migrate runs the pending scripts.
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_EmptyHistoryTableBesideOtherObjects_Migrates(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__orders.sql", "CREATE TABLE orders (id INT);");
        Assert.Equal(0, (await db.Migrator().RepairAsync()).RemovedFailedEntries);
        await db.ExecuteAsync("CREATE TABLE made_by_hand (id INT)");

        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.True(await db.TableExistsAsync("orders"));
    }
}
