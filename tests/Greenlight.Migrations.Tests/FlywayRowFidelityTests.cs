using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Tests;

/// <summary>History rows and reports as Flyway writes and reads them: subfolder paths, descriptions, checksums.</summary>
public sealed class FlywayRowFidelityTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_ScriptInSubfolder_ScriptColumnKeepsItsRelativePath(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        db.Script("2025/q1/V2__b.sql", "CREATE TABLE b (id INT);");

        var result = await db.Migrator().MigrateAsync();

        Assert.Equal(["V1__a.sql", "2025/q1/V2__b.sql"], result.Applied.Select(a => a.Script));
        Assert.Equal([("1", "V1__a.sql", true), ("2", "2025/q1/V2__b.sql", true)], await db.HistoryAsync());
        Assert.True((await db.Migrator().ValidateAsync()).IsValid);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Validate_RenamedDescription_ReportedThenRepairTakesTheNewOne(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create_items.sql", "CREATE TABLE items (id INT);");
        await db.Migrator().MigrateAsync();
        File.Move(Path.Combine(db.ScriptsFolder, "V1__create_items.sql"), Path.Combine(db.ScriptsFolder, "V1__create_item_table.sql"));

        var problem = Assert.Single((await db.Migrator().ValidateAsync()).Problems);
        var repair = await db.Migrator().RepairAsync();

        Assert.Equal("V1__create_item_table.sql: description changed since it was applied (applied 'create items', on disk 'create item table'); revert the rename, or run repair if it is intended.",
            problem.Message);
        Assert.Equal(1, repair.RealignedChecksums);
        Assert.True((await db.Migrator().ValidateAsync()).IsValid);
        Assert.Equal("create item table", await db.ScalarAsync<string>("SELECT description FROM greenlight_schema_history"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Info_AppliedScripts_CarryTheirHistoryChecksum(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        const string script = "CREATE TABLE items (id INT);\n";
        db.Script("V1__items.sql", script);
        await db.Migrator().MigrateAsync();
        db.Script("V2__pending.sql", "SELECT 1;");

        var status = await db.Migrator().InfoAsync();

        Assert.Equal([(MigrationState.Applied, (int?)FlywayChecksum.Compute(script)), (MigrationState.Pending, null)], status.Select(s => (s.State, s.Checksum)));
    }
}
