using Greenlight.Migrations.Databases;
using Npgsql;

namespace Greenlight.Migrations.Tests.Execution;

/// <summary>
/// A script's own BEGIN/COMMIT: on PostgreSQL it runs as Flyway runs it, statement by statement in autocommit with its
/// transactions delimited by itself, and its first error is reported where it is; on SQLite it is refused before anything runs.
/// </summary>
public sealed class TransactionControlTests
{
    [Fact]
    public async Task Migrate_ScriptWithItsOwnBeginCommit_AppliesAndContinues()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__own.sql", "BEGIN;\nCREATE TABLE items (id INT);\nINSERT INTO items VALUES (1);\nCOMMIT;\nSTART TRANSACTION;\nINSERT INTO items VALUES (2);\nEND;\n");
        db.Script("V2__after.sql", "CREATE TABLE after_it (id INT);");

        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal([("1", "V1__own.sql", true), ("2", "V2__after.sql", true)], await db.HistoryAsync());
        Assert.Equal(2, await db.ScalarAsync<long>("SELECT count(*) FROM items"));
    }

    [Fact]
    public async Task Migrate_ConcurrentIndexInsideTheScriptsOwnTransaction_ReportsTheRealErrorAndRecordsTheFailure()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__items.sql", "CREATE TABLE items (id INT);");
        db.Script("V2__index.sql", "BEGIN;\nCREATE INDEX CONCURRENTLY ix_items ON items (id);\nCOMMIT;\n");

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.StartsWith("V2__index.sql failed at line 2 (CREATE INDEX CONCURRENTLY ix_items ON items (id)): 25001:", result.Failure!.Message);
        Assert.Contains("cannot run inside a transaction block", result.Failure.Message);
        Assert.Equal([("1", "V1__items.sql", true), ("2", "V2__index.sql", false)], await db.HistoryAsync());
        // The run's lock was released and the connection left usable: the next run starts and sees the failure.
        Assert.Equal([MigrationState.Applied, MigrationState.Failed], (await db.Migrator().InfoAsync()).Select(s => s.State));
    }

    [Fact]
    public async Task Migrate_CommitInTheMiddleThenAFailure_NamesTheFailingLineAndSaysTheCommittedPartStays()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__two_steps.sql", """
            BEGIN;
            CREATE TABLE first_part (id INT);
            COMMIT;
            BEGIN;
            CREATE TABLE second_part (id INT);
            INSERT INTO no_such_table VALUES (1);
            COMMIT;
            CREATE TABLE never (id INT);
            """);

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        var message = result.Failure!.Message;
        Assert.StartsWith("V1__two_steps.sql failed at line 6 (INSERT INTO no_such_table VALUES (1)): 42P01: relation \"no_such_table\" does not exist.", message);
        Assert.Contains("controls its own transactions (BEGIN at line 1)", message);
        Assert.Contains("what it committed before the failure was NOT rolled back and stays applied", message);
        Assert.True(await db.TableExistsAsync("first_part"));
        Assert.False(await db.TableExistsAsync("second_part"));
        Assert.False(await db.TableExistsAsync("never"));
        Assert.Equal([("1", "V1__two_steps.sql", false)], await db.HistoryAsync());
    }

    [Fact]
    public async Task Migrate_ScriptEndingInsideItsOwnTransaction_IsRolledBackAndRecordedAsFailed()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__unclosed.sql", "CREATE TABLE committed_part (id INT);\nBEGIN;\nCREATE TABLE open_part (id INT);\n");
        db.Script("V2__after.sql", "CREATE TABLE after_it (id INT);");

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.StartsWith("V1__unclosed.sql ended inside a transaction it opened (a BEGIN with no COMMIT after it)", result.Failure!.Message);
        Assert.True(await db.TableExistsAsync("committed_part"));
        Assert.False(await db.TableExistsAsync("open_part"));
        Assert.False(await db.TableExistsAsync("after_it"));
        Assert.Equal([("1", "V1__unclosed.sql", false)], await db.HistoryAsync());
    }

    [Fact]
    public async Task Migrate_TransactionWordsInCommentsAndStrings_RunInOneTransaction()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__words.sql", "-- BEGIN; we COMMIT nothing here\nCREATE TABLE kept (note TEXT DEFAULT 'commit;');\nINSERT INTO no_such_table VALUES (1);\n");

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.StartsWith("V1__words.sql failed at line 3 (INSERT INTO no_such_table VALUES (1))", result.Failure!.Message);
        Assert.EndsWith("The script was rolled back.", result.Failure.Message);
        Assert.False(await db.TableExistsAsync("kept"));
    }

    [Fact]
    public async Task Migrate_SqliteScriptWithItsOwnBegin_IsRefusedBeforeAnythingRuns()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        db.Script("V1__items.sql", "CREATE TABLE items (id INT);");
        db.Script("V2__own.sql", "-- BEGIN in a comment does not count\nBEGIN TRANSACTION;\nINSERT INTO items VALUES (1);\nCOMMIT;\n");

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());

        Assert.StartsWith("V2__own.sql:2: BEGIN controls the transaction itself, which SQLite cannot run inside a migration", error.Message);
        Assert.False(await db.TableExistsAsync("items"));
        Assert.Empty(await db.HistoryAsync());
    }

    [Fact]
    public async Task Migrate_SqliteScriptWithItsOwnSavepoint_NestsAndApplies()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        db.Script("V1__savepoint.sql", "CREATE TABLE items (id INT);\nSAVEPOINT partial;\nINSERT INTO items VALUES (1);\nROLLBACK TO partial;\nRELEASE partial;\nINSERT INTO items VALUES (2);\n");

        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(2, await db.ScalarAsync<long>("SELECT sum(id) FROM items"));
    }

    [Fact]
    public async Task RunLock_ReleasedOnAConnectionInAnAbortedTransaction_DoesNotThrowAndFreesTheLock()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__broken.sql", "SELECT 1 / 0;");
        var options = db.Options();
        await using var database = await DatabaseFactory.OpenAsync(options, default);
        var held = await database.LockAsync(TimeSpan.FromSeconds(5), TimeProvider.System, default);
        await Assert.ThrowsAsync<PostgresException>(() => database.BeginAndExecuteScriptAsync(
            Greenlight.Migrations.Scripts.ScriptCatalog.Load(db.ScriptsFolder).Versioned.Single(), default));

        await held.DisposeAsync();

        await using var other = await DatabaseFactory.OpenAsync(options, default);
        await using var _ = await other.LockAsync(TimeSpan.Zero, TimeProvider.System, default);
    }
}
