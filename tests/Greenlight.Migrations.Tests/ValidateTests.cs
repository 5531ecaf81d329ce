namespace Greenlight.Migrations.Tests;

public sealed class ValidateTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Validate_EveryKindOfDrift_OneMessagePerProblem(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create.sql", "CREATE TABLE t (id INT);");
        db.Script("V2__gone.sql", "CREATE TABLE gone (id INT);");
        db.Script("V4__later.sql", "CREATE TABLE later (id INT);");
        db.Script("V5__broken.sql", "INSERT INTO nowhere VALUES (1);");
        await db.Migrator().MigrateAsync();
        db.Script("V1__create.sql", "CREATE TABLE t (id BIGINT);");
        File.Delete(Path.Combine(db.ScriptsFolder, "V2__gone.sql"));
        db.Script("V3__late.sql", "CREATE TABLE late (id INT);");
        db.Script("V6__bad_name.sql.txt", "ignored: not a .sql file");
        db.Script("V6_a__bad_name.sql", "SELECT 1;");

        var result = await db.Migrator().ValidateAsync();

        Assert.Equal(["V6_a__bad_name.sql", "V5__broken.sql", "V2__gone.sql", "V1__create.sql", "V3__late.sql"], result.Problems.Select(p => p.Script));
        Assert.Collection(result.Problems,
            p => Assert.Contains("invalid migration name", p.Message, StringComparison.Ordinal),
            p => Assert.Contains("failed when applied", p.Message, StringComparison.Ordinal),
            p => Assert.Contains("missing from the migrations folder", p.Message, StringComparison.Ordinal),
            p => Assert.Contains("checksum changed since it was applied", p.Message, StringComparison.Ordinal),
            p => Assert.Contains("older than the latest applied version 4", p.Message, StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Validate_FreshDatabase_ValidAndCreatesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create.sql", "CREATE TABLE t (id INT);");

        var result = await db.Migrator().ValidateAsync();

        Assert.True(result.IsValid);
        Assert.False(await db.TableExistsAsync("greenlight_schema_history"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Repair_ChangedChecksum_RealignsSoValidatePasses(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create.sql", "CREATE TABLE t (id INT);");
        await db.Migrator().MigrateAsync();
        db.Script("V1__create.sql", "-- reformatted\nCREATE TABLE t (id INT);");

        var repair = await db.Migrator().RepairAsync();

        Assert.Equal(new RepairResult(0, 1), repair);
        Assert.True((await db.Migrator().ValidateAsync()).IsValid);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Baseline_ExistingDatabase_SkipsScriptsUpToIt(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ExecuteAsync("CREATE TABLE legacy (id INT)");
        db.Script("V1__legacy.sql", "CREATE TABLE legacy (id INT);");
        db.Script("V1_1__legacy_more.sql", "ALTER TABLE legacy ADD COLUMN name VARCHAR(10);");
        db.Script("V2__new.sql", "CREATE TABLE fresh (id INT);");

        await db.Migrator().BaselineAsync("1.1");
        var result = await db.Migrator().MigrateAsync();
        var status = await db.Migrator().InfoAsync();

        Assert.Equal("V2__new.sql", Assert.Single(result.Applied).Script);
        Assert.Equal([("1.1", "<< Flyway Baseline >>", true), ("2", "V2__new.sql", true)], await db.HistoryAsync());
        Assert.Equal([MigrationState.Baseline, MigrationState.BelowBaseline, MigrationState.BelowBaseline, MigrationState.Applied], status.Select(s => s.State));
        await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().BaselineAsync("3"));
    }
}
