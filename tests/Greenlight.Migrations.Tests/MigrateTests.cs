namespace Greenlight.Migrations.Tests;

public sealed class MigrateTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_PendingScripts_AppliesVersionsInNumericOrderThenRepeatables(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1_10__insert_later.sql", "INSERT INTO steps (name) VALUES ('1.10');");
        db.Script("V1_9__insert_first.sql", "INSERT INTO steps (name) VALUES ('1.9');");
        db.Script("V1__create_steps.sql", "CREATE TABLE steps (n INT, name VARCHAR(10));\n");
        db.Script("R__steps_view.sql", "DROP VIEW IF EXISTS step_names;\nCREATE VIEW step_names AS SELECT name FROM steps;");

        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(["V1__create_steps.sql", "V1_9__insert_first.sql", "V1_10__insert_later.sql", "R__steps_view.sql"], result.Applied.Select(a => a.Script));
        Assert.Equal([("1", "V1__create_steps.sql", true), ("1.9", "V1_9__insert_first.sql", true), ("1.10", "V1_10__insert_later.sql", true), (null, "R__steps_view.sql", true)],
            await db.HistoryAsync());
        Assert.Equal(2, await db.ScalarAsync<long>("SELECT count(*) FROM step_names"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_SecondRun_AppliesOnlyChangedRepeatables(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create.sql", "CREATE TABLE t (id INT);");
        db.Script("R__view.sql", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id FROM t;");
        await db.Migrator().MigrateAsync();

        var unchanged = await db.Migrator().MigrateAsync();
        db.Script("R__view.sql", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id, id AS copy FROM t;");
        var changed = await db.Migrator().MigrateAsync();

        Assert.Empty(unchanged.Applied);
        Assert.Equal("R__view.sql", Assert.Single(changed.Applied).Script);
        Assert.Equal(3, (await db.HistoryAsync()).Count);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_FailingScript_RollsItBackRecordsFailureAndStops(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create.sql", "CREATE TABLE a (id INT);");
        db.Script("V2__broken.sql", "CREATE TABLE b (id INT);\nINSERT INTO a VALUES (1);\nINSERT INTO no_such_table VALUES (1);\n");
        db.Script("V3__never.sql", "CREATE TABLE c (id INT);");

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.Equal("V2__broken.sql", result.Failure!.Script);
        Assert.Contains("V2__broken.sql failed at line 3 (INSERT INTO no_such_table", result.Failure.Message, StringComparison.Ordinal);
        Assert.False(await db.TableExistsAsync("b"));
        Assert.False(await db.TableExistsAsync("c"));
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM a"));
        Assert.Equal([("1", "V1__create.sql", true), ("2", "V2__broken.sql", false)], await db.HistoryAsync());
        Assert.Equal([MigrationState.Applied, MigrationState.Failed, MigrationState.Pending], (await db.Migrator().InfoAsync()).Select(s => s.State));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_AfterFailedEntry_RefusesUntilRepaired(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__broken.sql", "INSERT INTO nowhere VALUES (1);");
        await db.Migrator().MigrateAsync();

        var refused = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());
        db.Script("V1__broken.sql", "CREATE TABLE somewhere (id INT);");
        var repair = await db.Migrator().RepairAsync();
        var retried = await db.Migrator().MigrateAsync();

        Assert.Contains("V1__broken.sql: failed when applied", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new RepairResult(1, 0), repair);
        Assert.True(retried.Succeeded);
        Assert.Equal([("1", "V1__broken.sql", true)], await db.HistoryAsync());
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_OlderPendingVersion_AppliedOnlyWithOutOfOrder(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V2__second.sql", "CREATE TABLE two (id INT);");
        await db.Migrator().MigrateAsync();
        db.Script("V1__first.sql", "CREATE TABLE one (id INT);");

        var refused = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());
        var result = await db.Migrator(o => o with { OutOfOrder = true }).MigrateAsync();

        Assert.Contains("V1__first.sql: version 1 is pending but older than the latest applied version 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal("V1__first.sql", Assert.Single(result.Applied).Script);
        Assert.True(await db.TableExistsAsync("one"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_SemicolonsInStringsCommentsAndBodies_RunAsWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__tricky.sql", """
            CREATE TABLE notes (body VARCHAR(50)); -- a comment; with a semicolon
            /* block; comment */ INSERT INTO notes VALUES ('one; two');
            CREATE TABLE audit (body VARCHAR(50));
            """);
        // A trigger body (SQLite) or a dollar-quoted function (PostgreSQL) holds semicolons of its own.
        db.Script("V2__body.sql", db.Provider == DatabaseProvider.Sqlite
            ? "CREATE TRIGGER copy AFTER INSERT ON notes BEGIN INSERT INTO audit VALUES (new.body); INSERT INTO audit VALUES ('x'); END;\nINSERT INTO notes VALUES ('three');"
            : "CREATE FUNCTION copy() RETURNS trigger AS $$ BEGIN INSERT INTO audit VALUES (new.body); INSERT INTO audit VALUES ('x'); RETURN new; END; $$ LANGUAGE plpgsql;\n"
              + "CREATE TRIGGER copy AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION copy();\nINSERT INTO notes VALUES ('three');");

        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("one; two", await db.ScalarAsync<string>("SELECT body FROM notes ORDER BY body LIMIT 1"));
        Assert.Equal(2, await db.ScalarAsync<long>("SELECT count(*) FROM audit"));
    }

    [Fact]
    public async Task Migrate_HistoryTableEndingInANewline_IsRefused()
    {
        // The name is spliced into SQL; a pattern ending in $ would let the newline through.
        await using var db = await TestDatabase.CreateAsync("sqlite");

        var refused = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator(o => o with { HistoryTable = "history\n" }).MigrateAsync());

        Assert.Contains("must be letters, digits and underscores", refused.Message);
    }
}
