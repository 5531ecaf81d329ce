using Dapper;

namespace Greenlight.Migrations.Tests;

/// <summary>Flyway 9+ marks a migration removed on purpose with a DELETE row (written by repair); both tools must read it alike.</summary>
public sealed class FlywayDeleteRowTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_DeleteRowForRemovedScript_NotMissingNotReappliedShownDeleted(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        db.Script("V2__b.sql", "CREATE TABLE b (id INT);");
        await db.Migrator().MigrateAsync();
        File.Delete(Path.Combine(db.ScriptsFolder, "V2__b.sql"));
        // The row flyway repair writes for it: the applied row's version, description, script and checksum, type DELETE, time 0.
        await db.ExecuteAsync("""
            INSERT INTO greenlight_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
            SELECT 3, version, description, 'DELETE', script, checksum, 'flyway', 0, success FROM greenlight_schema_history WHERE version = '2'
            """);
        db.Script("V3__c.sql", "CREATE TABLE c (id INT);");

        var validation = await db.Migrator().ValidateAsync();
        var result = await db.Migrator().MigrateAsync();
        var status = await db.Migrator().InfoAsync();

        Assert.True(validation.IsValid, string.Join("; ", validation.Problems));
        Assert.Equal("V3__c.sql", Assert.Single(result.Applied).Script);
        Assert.Equal([("1", "V1__a.sql", MigrationState.Applied), ("3", "V3__c.sql", MigrationState.Applied), ("2", "V2__b.sql", MigrationState.Deleted)],
            status.Select(s => (s.Version, s.Script, s.State)));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Repair_ScriptsRemovedOnPurpose_WritesDeleteRowsAsFlywayRepairDoes(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        db.Script("V2__b.sql", "CREATE TABLE b (id INT);");
        db.Script("R__view.sql", "CREATE VIEW v AS SELECT 1 AS one;");
        await db.Migrator().MigrateAsync();
        File.Delete(Path.Combine(db.ScriptsFolder, "V2__b.sql"));
        File.Delete(Path.Combine(db.ScriptsFolder, "R__view.sql"));

        var refused = await db.Migrator().ValidateAsync();
        var repair = await db.Migrator().RepairAsync();
        var validation = await db.Migrator().ValidateAsync();

        Assert.Equal(["V2__b.sql", "R__view.sql"], refused.Problems.Select(p => p.Script));
        Assert.Contains("run repair to mark it deleted", refused.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, repair.MarkedDeleted);
        Assert.True(validation.IsValid, string.Join("; ", validation.Problems));
        await using var connection = db.Open();
        var rows = (await connection.QueryAsync<(long Rank, string? Version, string Type, string Script, long Time, bool Same)>("""
            SELECT d.installed_rank, d.version, d.type, d.script, d.execution_time,
              CASE WHEN d.checksum = a.checksum AND d.description = a.description AND d.installed_by = 'tester' THEN 1 = 1 ELSE 1 = 0 END
            FROM greenlight_schema_history d JOIN greenlight_schema_history a ON a.script = d.script AND a.type = 'SQL'
            WHERE d.type = 'DELETE' ORDER BY d.installed_rank
            """)).ToList();
        Assert.Equal([(4, "2", "DELETE", "V2__b.sql", 0, true), (5, null, "DELETE", "R__view.sql", 0, true)], rows);
        Assert.Equal([MigrationState.Applied, MigrationState.Deleted, MigrationState.Deleted], (await db.Migrator().InfoAsync()).Select(s => s.State));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Validate_TwoDeleteRowsForOneVersion_CorruptedHistory(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        db.Script("V2__b.sql", "CREATE TABLE b (id INT);");
        await db.Migrator().MigrateAsync();
        File.Delete(Path.Combine(db.ScriptsFolder, "V2__b.sql"));
        await db.Migrator().RepairAsync();
        await db.ExecuteAsync("""
            INSERT INTO greenlight_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
            SELECT 4, version, description, type, script, checksum, installed_by, 0, success FROM greenlight_schema_history WHERE type = 'DELETE'
            """);

        var problem = Assert.Single((await db.Migrator().ValidateAsync()).Problems);

        Assert.Contains("more than one DELETE row for version 2", problem.Message, StringComparison.Ordinal);
    }
}
