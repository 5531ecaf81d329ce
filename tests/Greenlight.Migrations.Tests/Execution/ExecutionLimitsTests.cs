using Greenlight.Migrations.Databases;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Greenlight.Migrations.Tests.Execution;

/// <summary>
/// No default limit kills a long statement: the client sets no command timeout, the manifest's statement and lock
/// timeouts are enforced by the server, and a limit that fires is named, with the statement, and never replayed.
/// </summary>
public sealed class ExecutionLimitsTests
{
    [Fact]
    public void ConnectionString_NoTimeoutGiven_CommandsWaitAsLongAsTheStatementRuns()
    {
        var postgres = Options(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Username=app");
        var sqlite = Options(DatabaseProvider.Sqlite, "Data Source=shop.db");

        using var pg = new NpgsqlConnection(DatabaseFactory.ConnectionString(postgres));
        using var lite = new SqliteConnection(DatabaseFactory.ConnectionString(sqlite));

        Assert.Equal(30, new NpgsqlCommand().CommandTimeout); // what the run got before: Npgsql's default
        Assert.Equal(0, pg.CreateCommand().CommandTimeout);
        Assert.Equal(0, lite.CreateCommand().CommandTimeout);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Username=app;Command Timeout=7")]
    [InlineData("Host=127.0.0.1;Username=app;commandtimeout=7")]
    public void ConnectionString_TimeoutGiven_IsKept(string connectionString)
    {
        using var pg = new NpgsqlConnection(DatabaseFactory.ConnectionString(Options(DatabaseProvider.PostgreSql, connectionString)));
        Assert.Equal(7, pg.CreateCommand().CommandTimeout);
    }

    [Fact]
    public async Task Migrate_StatementTimeoutFires_NamesItAndTheLineAndDoesNotRunTheScriptAgain()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        // A sequence outside the migrated schema counts how often the script ran: nextval is not rolled back.
        await db.ExecuteAsync("CREATE SCHEMA side; CREATE SEQUENCE side.runs;");
        db.Script("V1__backfill.sql", "CREATE TABLE items (id INT);\nSELECT nextval('side.runs');\n\nSELECT pg_sleep(30);\nCREATE TABLE never (id INT);\n");

        var result = await db.Migrator(o => o with { StatementTimeout = TimeSpan.FromSeconds(1) }).MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.StartsWith("V1__backfill.sql failed at line 4 (SELECT pg_sleep(30)): the statement timeout of 1s (database.statementTimeout) fired", result.Failure!.Message);
        Assert.EndsWith("The script was rolled back.", result.Failure.Message);
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT last_value FROM side.runs"));
        Assert.False(await db.TableExistsAsync("items"));
        Assert.Equal([("1", "V1__backfill.sql", false)], await db.HistoryAsync());
    }

    [Fact]
    public async Task Migrate_LockTimeoutFires_WhileAnotherSessionHoldsTheTable_NamesIt()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__items.sql", "CREATE TABLE items (id INT);");
        Assert.True((await db.Migrator().MigrateAsync()).Succeeded);
        db.Script("V2__add.sql", "-- needs the table's lock\nALTER TABLE items ADD COLUMN price INT;\n");
        await using var holder = (NpgsqlConnection)db.Open();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE items IN ACCESS SHARE MODE", holder, hold))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var result = await db.Migrator(o => o with { LockTimeout = TimeSpan.FromMilliseconds(300), StatementTimeout = TimeSpan.FromMinutes(1) }).MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.StartsWith("V2__add.sql failed at line 2 (ALTER TABLE items ADD COLUMN price INT): the lock timeout of 300ms (database.lockTimeout) fired", result.Failure!.Message);
        await hold.RollbackAsync();
        Assert.Equal([("1", "V1__items.sql", true), ("2", "V2__add.sql", false)], await db.HistoryAsync());
    }

    [Fact]
    public async Task Migrate_CommandTimeoutInTheConnectionString_IsKeptAndNamedWhenItFires()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await db.ExecuteAsync("CREATE SCHEMA side; CREATE SEQUENCE side.runs;");
        db.Script("V1__slow.sql", "SELECT nextval('side.runs');\nSELECT pg_sleep(20);\n");

        var result = await db.Migrator(o => o with { ConnectionString = o.ConnectionString + ";Command Timeout=1" }).MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("the command timeout of 1s (Command Timeout in the connection string) fired", result.Failure!.Message);
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT last_value FROM side.runs"));
    }

    [Theory]
    [InlineData("SELECT 1 / 0;", "22012: division by zero")]
    [InlineData("INSERT INTO items VALUES (1), (1);", "23505: duplicate key value violates unique constraint \"items_pkey\"")]
    [InlineData("INSERT INTO no_such_table VALUES (1);", "42P01: relation \"no_such_table\" does not exist")]
    public async Task Migrate_FailingStatement_IsLocatedWithoutRunningTheScriptAgain(string failing, string cause)
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await db.ExecuteAsync("CREATE SCHEMA side; CREATE SEQUENCE side.runs;");
        db.Script("V1__work.sql", $"CREATE TABLE items (id INT PRIMARY KEY);\nSELECT nextval('side.runs');\n-- the failing one\n{failing}\nCREATE TABLE never (id INT);\n");

        var result = await db.Migrator().MigrateAsync();

        Assert.StartsWith($"V1__work.sql failed at line 4 ({failing.TrimEnd(';')}): {cause}", result.Failure!.Message);
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT last_value FROM side.runs"));
    }

    [Fact]
    public async Task Migrate_SqliteWithAServerTimeout_IsRefusedRatherThanIgnored()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        db.Script("V1__items.sql", "CREATE TABLE items (id INT);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator(o => o with { LockTimeout = TimeSpan.FromSeconds(5) }).MigrateAsync());

        Assert.Contains("SQLite cannot enforce them", error.Message);
    }

    private static MigratorOptions Options(DatabaseProvider provider, string connectionString) =>
        new() { ConnectionString = connectionString, Provider = provider, ScriptsFolder = "." };
}
