using Greenlight.Migrations.Databases;

namespace Greenlight.Migrations.Tests;

/// <summary>PostgreSQL scripts holding a statement that cannot run in a transaction block run statement by statement in autocommit.</summary>
public sealed class NonTransactionalTests
{
    [Fact]
    public async Task Migrate_CreateIndexConcurrently_AppliesAndRecordsSuccess()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__create.sql", "CREATE TABLE orders (id INT, user_id INT);\nINSERT INTO orders VALUES (1, 10), (2, 20);");
        db.Script("V2__index.sql", "-- builds without blocking writes\nCREATE INDEX CONCURRENTLY ix_orders_user ON orders (user_id);\n");
        db.Script("V3__after.sql", "CREATE TABLE after_index (id INT);");

        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(["V1__create.sql", "V2__index.sql", "V3__after.sql"], result.Applied.Select(a => a.Script));
        Assert.Equal([("1", "V1__create.sql", true), ("2", "V2__index.sql", true), ("3", "V3__after.sql", true)], await db.HistoryAsync());
        Assert.True(await db.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_orders_user'::regclass"));
        Assert.True(await db.TableExistsAsync("after_index"));
        Assert.Equal([MigrationState.Applied, MigrationState.Applied, MigrationState.Applied], (await db.Migrator().InfoAsync()).Select(s => s.State));
    }

    [Fact]
    public async Task Migrate_MixedScriptWithConcurrentIndexAndDrop_RunsEveryStatement()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__mixed.sql", """
            CREATE TABLE users (id INT, email TEXT);
            INSERT INTO users VALUES (1, 'a; b');
            CREATE UNIQUE INDEX CONCURRENTLY ix_users_email ON users (email);
            REINDEX INDEX CONCURRENTLY ix_users_email;
            DROP INDEX CONCURRENTLY ix_users_email;
            CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_id ON users (id);
            """);

        var result = await db.Migrator().MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal([("1", "V1__mixed.sql", true)], await db.HistoryAsync());
        Assert.Equal("a; b", await db.ScalarAsync<string>("SELECT email FROM users"));
        Assert.False(await db.ScalarAsync<bool>("SELECT to_regclass('ix_users_email') IS NOT NULL"));
        Assert.True(await db.ScalarAsync<bool>("SELECT to_regclass('ix_users_id') IS NOT NULL"));
    }

    [Fact]
    public async Task Migrate_FailingNonTransactionalScript_RecordsFailureAndSaysEarlierStatementsStay()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__create.sql", "CREATE TABLE orders (id INT, user_id INT);");
        db.Script("V2__broken.sql", "CREATE TABLE kept (id INT);\nCREATE INDEX CONCURRENTLY ix_orders_user ON orders (user_id);\nINSERT INTO no_such_table VALUES (1);\nCREATE TABLE never (id INT);\n");
        db.Script("V3__never.sql", "CREATE TABLE c (id INT);");

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.Equal("V2__broken.sql", result.Failure!.Script);
        var message = result.Failure.Message;
        Assert.Contains("V2__broken.sql failed at line 3 (INSERT INTO no_such_table", message, StringComparison.Ordinal);
        Assert.Contains("outside a transaction", message, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX CONCURRENTLY at line 2", message, StringComparison.Ordinal);
        Assert.Contains("earlier statements of this script were NOT rolled back", message, StringComparison.Ordinal);
        Assert.DoesNotContain("The script was rolled back", message, StringComparison.Ordinal);
        // Statements before the failing one committed on their own; the ones after it never ran.
        Assert.True(await db.TableExistsAsync("kept"));
        Assert.True(await db.ScalarAsync<bool>("SELECT to_regclass('ix_orders_user') IS NOT NULL"));
        Assert.False(await db.TableExistsAsync("never"));
        Assert.False(await db.TableExistsAsync("c"));
        Assert.Equal([("1", "V1__create.sql", true), ("2", "V2__broken.sql", false)], await db.HistoryAsync());
        Assert.Equal([MigrationState.Applied, MigrationState.Failed, MigrationState.Pending], (await db.Migrator().InfoAsync()).Select(s => s.State));
    }

    [Fact]
    public async Task Migrate_FailingConcurrentIndex_PointsAtItsLine()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__create.sql", "CREATE TABLE orders (id INT);\nINSERT INTO orders VALUES (1), (1);");
        db.Script("V2__unique.sql", "-- header\nCREATE UNIQUE INDEX CONCURRENTLY ix_orders_id\n  ON orders (id);\n");

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("V2__unique.sql failed at line 2 (CREATE UNIQUE INDEX CONCURRENTLY ix_orders_id)", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("NOT rolled back", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal([("1", "V1__create.sql", true), ("2", "V2__unique.sql", false)], await db.HistoryAsync());
    }

    [Fact]
    public async Task Migrate_ConcurrentlyOnlyInCommentsAndStrings_StaysTransactional()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__words.sql", """
            -- CREATE INDEX CONCURRENTLY would not be rolled back; VACUUM too
            /* DROP INDEX CONCURRENTLY ix; */ CREATE TABLE notes (body TEXT);
            INSERT INTO notes VALUES ('CREATE INDEX CONCURRENTLY ix ON notes (body); VACUUM');
            INSERT INTO no_such_table VALUES ($$VACUUM$$);
            """);

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("V1__words.sql failed at line 4", result.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("The script was rolled back.", result.Failure.Message, StringComparison.Ordinal);
        Assert.False(await db.TableExistsAsync("notes"));
    }

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY ix ON t (a);", "CREATE INDEX CONCURRENTLY", 1)]
    [InlineData("SELECT 1;\ncreate unique index concurrently ix on t (a);", "CREATE INDEX CONCURRENTLY", 2)]
    [InlineData("DROP INDEX CONCURRENTLY IF EXISTS ix;", "DROP INDEX CONCURRENTLY", 1)]
    [InlineData("REINDEX (VERBOSE) TABLE CONCURRENTLY t;", "REINDEX ... CONCURRENTLY", 1)]
    [InlineData("REINDEX DATABASE app;", "REINDEX SCHEMA/DATABASE/SYSTEM", 1)]
    [InlineData("VACUUM ANALYZE t;", "VACUUM", 1)]
    [InlineData("CREATE DATABASE other;", "CREATE DATABASE", 1)]
    [InlineData("ALTER SYSTEM SET work_mem = '8MB';", "ALTER SYSTEM", 1)]
    public void Find_NonTransactionalStatement_NamesItAndItsLine(string sql, string kind, int line)
    {
        Assert.Equal((kind, line), NonTransactionalStatements.Find(sql, alterTypeAddValueToo: false));
    }

    [Theory]
    [InlineData("CREATE INDEX ix ON t (a);")]
    [InlineData("REINDEX TABLE t;")]
    [InlineData("-- CREATE INDEX CONCURRENTLY ix ON t (a);\nSELECT 1;")]
    [InlineData("/* VACUUM; */ SELECT 'DROP INDEX CONCURRENTLY ix; VACUUM', $$CREATE DATABASE x$$;")]
    [InlineData("CREATE TABLE concurrently (vacuum INT);")]
    [InlineData("SELECT \"VACUUM\" FROM t;")]
    [InlineData("ALTER TYPE mood ADD VALUE 'ok';")]
    public void Find_OnlyTransactionalStatements_IsNull(string sql)
    {
        Assert.Null(NonTransactionalStatements.Find(sql, alterTypeAddValueToo: false));
    }

    [Fact]
    public void Find_AlterTypeAddValue_CountsOnlyBeforePostgres12()
    {
        Assert.Equal(("ALTER TYPE ... ADD VALUE", 1), NonTransactionalStatements.Find("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok';", alterTypeAddValueToo: true));
    }

    [Fact]
    public async Task Migrate_Sqlite_RunsEveryScriptInItsTransaction()
    {
        // SQLite has no CONCURRENTLY; VACUUM is one of the words the detector looks for, but SQLite never asks it.
        await using var db = await TestDatabase.CreateAsync("sqlite");
        db.Script("V1__create.sql", "CREATE TABLE t (id INT);\nCREATE INDEX ix ON t (id);\nINSERT INTO t VALUES (1);\nINSERT INTO nowhere VALUES (1);");

        var result = await db.Migrator().MigrateAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("The script was rolled back.", result.Failure!.Message, StringComparison.Ordinal);
        Assert.False(await db.TableExistsAsync("t"));
    }
}
