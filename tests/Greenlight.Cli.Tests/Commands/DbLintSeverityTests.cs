using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight db lint` on PostgreSQL scripts (offline: lint needs no connection): advice warns, dangers fail.</summary>
public sealed class DbLintSeverityTests
{
    private static CliWorkspace WithPostgresScripts(string sql, string settings = "")
    {
        var ws = new CliWorkspace(edit: text => text + "database:\n  provider: postgresql\n  connection: Host=127.0.0.1;Port=1\n" + settings);
        var migrations = Directory.CreateDirectory(Path.Combine(ws.Directory, "migrations")).FullName;
        File.WriteAllText(Path.Combine(migrations, "V1__users.sql"), sql);
        return ws;
    }

    [Fact]
    public async Task Lint_OnlyTypeAdvice_WarnsAndSucceeds()
    {
        using var ws = WithPostgresScripts("ALTER TABLE users ADD COLUMN nickname varchar(40);\n");

        var lint = await ws.RunAsync("db", "lint");

        Assert.Equal(0, lint.ExitCode);
        Assert.Contains("warning: migrations/V1__users.sql:1:39: GL026 A varchar(n) column", lint.Stderr);
    }

    [Fact]
    public async Task Lint_TypeAdviceSwitchedOff_ReportsNothing()
    {
        using var ws = WithPostgresScripts("ALTER TABLE users ADD COLUMN nickname varchar(40);\n", "  lint: {typeAdvice: false}\n");

        var lint = await ws.RunAsync("db", "lint");

        Assert.Equal(0, lint.ExitCode);
        Assert.DoesNotContain("GL026", lint.Stderr);
    }

    [Fact]
    public async Task Lint_TransactionControlAndAdvice_FailsWithTheErrorAndStillShowsTheWarning()
    {
        using var ws = WithPostgresScripts("BEGIN;\nCREATE INDEX CONCURRENTLY ix_users_nick ON users (nickname);\nALTER TABLE users ADD COLUMN seen timestamp;\nCOMMIT;\n");

        var lint = await ws.RunAsync("db", "lint");

        Assert.Equal(2, lint.ExitCode);
        Assert.Contains("error: migrations/V1__users.sql:1:1: GL020", lint.Stderr);
        Assert.Contains("error: migrations/V1__users.sql:2:1: GL021", lint.Stderr);
        Assert.Contains("warning: migrations/V1__users.sql:3:35: GL027", lint.Stderr);
        Assert.Contains("error: migrations/V1__users.sql:4:1: GL020", lint.Stderr);
    }
}
