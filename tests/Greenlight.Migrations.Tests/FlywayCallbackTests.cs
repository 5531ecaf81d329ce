namespace Greenlight.Migrations.Tests;

/// <summary>Flyway SQL callbacks in the migrations folder: run at Flyway's points, never history rows, unsupported ones refused.</summary>
public sealed class FlywayCallbackTests
{
    // Every callback records its own file name (a placeholder, so placeholders reach callbacks too).
    private const string Record = "INSERT INTO events (name) VALUES ('${flyway:filename}');";

    private static async Task<TestDatabase> WithEventsAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        // A migrate of the empty folder creates the history first: the events table is then in a managed schema.
        await db.Migrator().MigrateAsync();
        await db.ExecuteAsync(db.Provider == DatabaseProvider.Sqlite
            ? "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)"
            : "CREATE TABLE events (id SERIAL PRIMARY KEY, name TEXT)");
        return db;
    }

    private static void Callbacks(TestDatabase db, params string[] names)
    {
        foreach (var name in names)
        {
            db.Script(name, Record);
        }
    }

    private static async Task<IReadOnlyList<string>> EventsAsync(TestDatabase db)
    {
        await using var connection = db.Open();
        return (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT name FROM events ORDER BY id")).ToList();
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_Callbacks_RunAtFlywaysPointsInOrderAndWriteNoHistoryRow(string provider)
    {
        await using var db = await WithEventsAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        db.Script("V2__b.sql", "CREATE TABLE b (id INT);");
        db.Script("R__v.sql", "CREATE VIEW v AS SELECT 1 AS one;");
        Callbacks(db, "beforeValidate.sql", "afterValidate.sql", "beforeMigrate.sql", "beforeEachMigrate.sql", "afterEachMigrate.sql",
            "afterVersioned.sql", "beforeRepeatables.sql", "afterMigrateApplied.sql", "afterMigrate__b_second.sql", "afterMigrate.sql",
            "afterMigrate__a_first.sql", "afterMigrateError.sql", "afterEachMigrateError.sql", "beforeInfo.sql");

        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal([
            "beforeValidate.sql", "afterValidate.sql", "beforeMigrate.sql",
            "beforeEachMigrate.sql", "afterEachMigrate.sql", "beforeEachMigrate.sql", "afterEachMigrate.sql",
            "afterVersioned.sql", "beforeRepeatables.sql", "beforeEachMigrate.sql", "afterEachMigrate.sql",
            "afterMigrateApplied.sql", "afterMigrate.sql", "afterMigrate__a_first.sql", "afterMigrate__b_second.sql"], await EventsAsync(db));
        Assert.Equal([("1", "V1__a.sql", true), ("2", "V2__b.sql", true), (null, "R__v.sql", true)], await db.HistoryAsync());
        Assert.True((await db.Migrator().ValidateAsync()).IsValid);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_FailingScript_RunsTheErrorCallbacksNotAfterMigrate(string provider)
    {
        await using var db = await WithEventsAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        db.Script("V2__broken.sql", "INSERT INTO nowhere VALUES (1);");
        Callbacks(db, "afterEachMigrate.sql", "afterEachMigrateError.sql", "afterMigrateError.sql", "afterMigrate.sql", "afterMigrateApplied.sql");

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(["afterEachMigrate.sql", "afterEachMigrateError.sql", "afterMigrateError.sql"], await EventsAsync(db));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Operations_RunTheirOwnCallbacks(string provider)
    {
        await using var db = await WithEventsAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        Callbacks(db, "beforeBaseline.sql", "afterBaseline.sql", "beforeInfo.sql", "afterInfo.sql", "beforeRepair.sql", "afterRepair.sql",
            "beforeValidate.sql", "afterValidate.sql", "afterValidateError.sql");

        await db.Migrator().BaselineAsync("1");
        await db.Migrator().ReadStatusAsync(); // the controller's look: no callback
        await db.Migrator().InfoAsync();
        await db.Migrator().RepairAsync();
        await db.Migrator().ValidateAsync();
        db.Script("V1__a.sql", "CREATE TABLE a (id BIGINT);");
        db.Script("V0__older.sql", "SELECT 1;");
        await db.ExecuteAsync("UPDATE greenlight_schema_history SET type = 'SQL', checksum = 1, script = 'V1__a.sql'");
        var invalid = await db.Migrator().ValidateAsync();

        Assert.False(invalid.IsValid);
        Assert.Equal([
            "beforeBaseline.sql", "afterBaseline.sql", "beforeInfo.sql", "afterInfo.sql", "beforeRepair.sql", "afterRepair.sql",
            "beforeValidate.sql", "afterValidate.sql", "beforeValidate.sql", "afterValidateError.sql"], await EventsAsync(db));
    }

    [Theory]
    [InlineData("beforeClean.sql", "no clean command")]
    [InlineData("afterEachUndo__x.sql", "no undo command")]
    [InlineData("beforeEachMigrateStatement.sql", "Flyway Teams statement-level callback")]
    [InlineData("afterConnect.sql", "connection event")]
    public async Task Migrate_CallbackGreenlightCannotRun_RefusedByNameBeforeAnythingRuns(string fileName, string why)
    {
        await using var db = await WithEventsAsync("postgresql");
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        Callbacks(db, "beforeMigrate.sql", fileName);

        var validation = await db.Migrator().ValidateAsync();
        var refused = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());

        var problem = Assert.Single(validation.Problems);
        Assert.Equal(fileName, problem.Script);
        Assert.Contains(why, problem.Message, StringComparison.Ordinal);
        Assert.Contains(fileName, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await EventsAsync(db));
        Assert.Empty(await db.HistoryAsync());
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_FailingBeforeMigrate_NamesTheCallbackAndLineAndAppliesNothing(string provider)
    {
        await using var db = await WithEventsAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        db.Script("callbacks/beforeMigrate__check.sql", "INSERT INTO events (name) VALUES ('checked');\nINSERT INTO nowhere VALUES (1);\n");

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());

        Assert.StartsWith("callbacks/beforeMigrate__check.sql (beforeMigrate callback) failed at line 2", error.Message, StringComparison.Ordinal);
        Assert.Empty(await EventsAsync(db));
        Assert.Empty(await db.HistoryAsync());
    }
}
