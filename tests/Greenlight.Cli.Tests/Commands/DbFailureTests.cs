using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>Every way `greenlight db` can fail ends with a documented exit code and a one-line cause, never a crash.</summary>
public sealed class DbFailureTests
{
    private static CliWorkspace WithDatabase(string connection, out string migrations)
    {
        var ws = new CliWorkspace(edit: text => text + $"database:\n  provider: sqlite\n  connection: {connection}\n");
        migrations = Directory.CreateDirectory(Path.Combine(ws.Directory, "migrations")).FullName;
        return ws;
    }

    [Fact]
    public async Task Db_DatabaseThatCannotBeOpened_ExitsOneWithTheCauseOnOneLine()
    {
        using var ws = WithDatabase("Data Source=no-such-dir/shop.db;Mode=ReadWrite", out _);

        var status = await ws.RunAsync("db", "status");

        Assert.Equal(1, status.ExitCode);
        Assert.StartsWith("error: database: ", status.Stderr);
        Assert.Contains("unable to open database file", status.Stderr);
        Assert.Single(status.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Migrate_ScriptWithItsOwnCommit_ExitsTwoAtLintNamingFileAndLine_AndAppliesNothing()
    {
        using var ws = WithDatabase("Data Source=shop.db", out var migrations);
        await File.WriteAllTextAsync(Path.Combine(migrations, "V1__own.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY);\nCOMMIT;\n");

        var migrate = await ws.RunAsync("db", "migrate");

        Assert.Equal(2, migrate.ExitCode);
        // Lint stops it first (GL020); the engine would refuse it on SQLite too, before any script runs.
        Assert.Contains("error: migrations/V1__own.sql:2:1: GL020", migrate.Stderr);
        Assert.Contains("\"state\": \"Pending\"", (await ws.RunAsync("db", "status", "--output", "json")).Stdout);
    }

    [Fact]
    public async Task Migrate_FailingScript_ExitsThreeWithFileLineCauseAndStatusShowsTheDatabasesTime()
    {
        using var ws = WithDatabase("Data Source=shop.db", out var migrations);
        await File.WriteAllTextAsync(Path.Combine(migrations, "V1__items.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
        await File.WriteAllTextAsync(Path.Combine(migrations, "V2__broken.sql"), "-- header\nINSERT INTO no_such_table VALUES (1);\n");

        var migrate = await ws.RunAsync("db", "migrate");
        var status = await ws.RunAsync("db", "status");

        Assert.Equal(3, migrate.ExitCode);
        Assert.StartsWith("error: V2__broken.sql failed at line 2 (INSERT INTO no_such_table VALUES (1)): ", migrate.Stderr);
        Assert.Contains("The script was rolled back. The scripts before it are applied.", migrate.Stderr);
        Assert.Equal(0, status.ExitCode);
        // installed_on is shown as the database stored it, with no zone it does not have.
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", status.Stdout);
        Assert.DoesNotMatch(@"\d\d:\d\d:\d\dZ", status.Stdout);
    }
}
