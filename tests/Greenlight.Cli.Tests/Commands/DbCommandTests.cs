using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight db` on a real SQLite database named by the manifest.</summary>
public sealed class DbCommandTests
{
    private static CliWorkspace WithDatabase(out string migrations)
    {
        var ws = new CliWorkspace(edit: text => text + "database:\n  provider: sqlite\n  connection: Data Source=shop.db\n");
        migrations = Directory.CreateDirectory(Path.Combine(ws.Directory, "migrations")).FullName;
        return ws;
    }

    [Fact]
    public async Task Migrate_ScriptBreakingTheRunningRelease_IsRefusedWithRuleAndPositionAndNothingApplied()
    {
        using var ws = WithDatabase(out var migrations);
        await File.WriteAllTextAsync(Path.Combine(migrations, "V1__items.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
        await File.WriteAllTextAsync(Path.Combine(migrations, "V2__price.sql"),
            "-- ALTER TABLE items DROP COLUMN id; (a comment, not a statement)\nALTER TABLE items ADD COLUMN price INTEGER NOT NULL;\n");

        var migrate = await ws.RunAsync("db", "migrate");
        var status = await ws.RunAsync("db", "status", "--output", "json");

        Assert.Equal(2, migrate.ExitCode);
        Assert.Contains("V2__price.sql:2:19: GL004", migrate.Stderr);
        Assert.DoesNotContain("GL002", migrate.Stderr);
        Assert.DoesNotContain("\"state\": \"Applied\"", status.Stdout);
    }

    [Fact]
    public async Task Migrate_ThenEditAnAppliedScript_ValidateReportsTheChangedChecksum()
    {
        using var ws = WithDatabase(out var migrations);
        var first = Path.Combine(migrations, "V1__items.sql");
        await File.WriteAllTextAsync(first, "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
        await File.WriteAllTextAsync(Path.Combine(migrations, "V2__price.sql"), "ALTER TABLE items ADD COLUMN price INTEGER NOT NULL DEFAULT 0;\n");

        Assert.Equal(0, (await ws.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await ws.RunAsync("db", "validate")).ExitCode);
        await File.AppendAllTextAsync(first, "-- edited after it was applied\n");
        var validate = await ws.RunAsync("db", "validate");

        Assert.Equal(2, validate.ExitCode);
        Assert.Contains("V1__items.sql: checksum changed since it was applied", validate.Stderr);
    }

    [Fact]
    public async Task Db_ManifestWithoutDatabase_SaysSoAndExits2()
    {
        using var ws = new CliWorkspace();
        var result = await ws.RunAsync("db", "status");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no database section", result.Stderr);
    }
}
