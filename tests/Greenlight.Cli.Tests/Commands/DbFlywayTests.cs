using System.Text.Json;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight db` on a project laid out as Flyway's, on a real SQLite database.</summary>
public sealed class DbFlywayTests
{
    private static CliWorkspace WithDatabase(out string migrations)
    {
        var ws = new CliWorkspace(edit: text => text + "database:\n  provider: sqlite\n  connection: Data Source=shop.db\n");
        migrations = Directory.CreateDirectory(Path.Combine(ws.Directory, "migrations")).FullName;
        return ws;
    }

    [Fact]
    public async Task Migrate_BreakingScriptInASubfolder_IsLintedAndRefused()
    {
        using var ws = WithDatabase(out var migrations);
        await File.WriteAllTextAsync(Path.Combine(migrations, "V1__items.sql"), "CREATE TABLE items (id INTEGER PRIMARY KEY, price INTEGER);\n");
        Directory.CreateDirectory(Path.Combine(migrations, "2026"));
        await File.WriteAllTextAsync(Path.Combine(migrations, "2026", "V2__drop.sql"), "ALTER TABLE items DROP COLUMN price;\n");

        var migrate = await ws.RunAsync("db", "migrate");

        Assert.Equal(2, migrate.ExitCode);
        Assert.Contains("V2__drop.sql:1:", migrate.Stderr);
    }

    [Fact]
    public async Task StatusJson_AppliedScript_ShowsItsChecksumAsANumber()
    {
        using var ws = WithDatabase(out var migrations);
        // 2077709195: Flyway's checksum of this text (python3 zlib.crc32 over its lines).
        await File.WriteAllTextAsync(Path.Combine(migrations, "V1__create_person.sql"), "CREATE TABLE person (\n    id INT PRIMARY KEY,\n    name VARCHAR(100) NOT NULL\n);\n");
        await File.WriteAllTextAsync(Path.Combine(migrations, "V2__pending.sql"), "SELECT 1;\n");
        Assert.Equal(0, (await ws.RunAsync("db", "migrate")).ExitCode);
        await File.WriteAllTextAsync(Path.Combine(migrations, "V3__later.sql"), "SELECT 2;\n");

        var status = await ws.RunAsync("db", "status", "--output", "json");

        Assert.Equal(0, status.ExitCode);
        var rows = JsonDocument.Parse(status.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(2077709195, rows[0].GetProperty("checksum").GetInt32());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("checksum").ValueKind);
    }
}
