using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Tests.Lint;

// GL019 (opt-in lock_timeout), GL020 (transaction control), GL021 (CONCURRENTLY after BEGIN), GL022, GL023.
public sealed class TransactionAndTimeoutTests
{
    private static readonly LintOptions RequireTimeout = new() { RequireLockTimeout = true };

    [Fact]
    public void Lint_LockWithoutTimeoutWhenRequired_ReportsGL019OncePerScript() =>
        LintSamples.Single("SELECT 1;\nALTER TABLE users ADD COLUMN a text;\nALTER TABLE users ADD COLUMN b text;", "GL019", options: RequireTimeout).AssertAt(2, 1);

    [Theory]
    [InlineData("SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN a text;")]
    [InlineData("SET SESSION lock_timeout TO 5000;\nCREATE INDEX CONCURRENTLY ix ON users (a);")]
    [InlineData("CREATE TABLE fresh (id bigint);\nALTER TABLE fresh ADD COLUMN a text;")]
    [InlineData("INSERT INTO users (name) VALUES ('a');")]
    public void Lint_TimeoutSetOrNothingLocked_SatisfiesGL019(string sql) =>
        Assert.Empty(LintSamples.Lint(sql, options: RequireTimeout));

    [Theory]
    [InlineData("SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN a text;")]
    [InlineData("SET lock_timeout = '2s';\nRESET lock_timeout;\nALTER TABLE users ADD COLUMN a text;")]
    public void Lint_TimeoutSwitchedOff_ReportsGL019(string sql) =>
        Assert.Equal(["GL019"], LintSamples.Lint(sql, options: RequireTimeout).Select(f => f.RuleId));

    [Fact]
    public void Lint_TransactionControlWithAllowComments_IsClean() =>
        Assert.Empty(LintSamples.Lint(
            "-- greenlight:allow GL020 kept as Flyway ran it\nBEGIN;\nINSERT INTO users (name) VALUES ('a');\n-- greenlight:allow GL020 kept as Flyway ran it\nCOMMIT;"));

    [Fact]
    public void Lint_ManifestLockTimeout_SatisfiesGL019() =>
        Assert.Empty(LintSamples.Lint("ALTER TABLE users ADD COLUMN a text;", options: RequireTimeout with { LockTimeoutConfigured = true }));

    [Fact]
    public void Lint_LockTimeoutRuleNotRequired_IsOff() =>
        Assert.Empty(LintSamples.Lint("ALTER TABLE users ADD COLUMN a text;"));

    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.Sqlite)]
    public void Lint_TransactionControl_ReportsGL020AtEachStatement(DatabaseProvider dialect)
    {
        var findings = LintSamples.Lint("BEGIN;\nINSERT INTO a VALUES (1);\nCOMMIT;\nSTART TRANSACTION;\n  ROLLBACK;\nEND;", dialect);

        Assert.Equal(["GL020@1:1", "GL020@3:1", "GL020@4:1", "GL020@5:3", "GL020@6:1"], findings.Select(f => $"{f.RuleId}@{f.Line}:{f.Column}"));
    }

    [Theory]
    [InlineData("SAVEPOINT before_fix;\nUPDATE a SET b = 1;\nROLLBACK TO SAVEPOINT before_fix;\nRELEASE SAVEPOINT before_fix;")]
    [InlineData("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE u SET n = 1;\nEND;")]
    [InlineData("DO $$ BEGIN PERFORM 1; COMMIT; END $$;")]
    public void Lint_SavepointsAndBodies_AreNotTransactionControl(string sql) =>
        Assert.Empty(LintSamples.Lint(sql, DatabaseProvider.Sqlite));

    [Fact]
    public void Lint_ConcurrentIndexInsideBegin_ReportsGL021AndTheTransactionControl()
    {
        var findings = LintSamples.Lint("BEGIN;\nCREATE INDEX CONCURRENTLY ix ON users (age);\nCOMMIT;\nDROP INDEX CONCURRENTLY ix_old;");

        Assert.Equal(["GL020@1:1", "GL021@2:1", "GL020@3:1"], findings.Select(f => $"{f.RuleId}@{f.Line}:{f.Column}"));
        Assert.Equal(LintSeverity.High, findings[1].Severity);
    }

    [Fact]
    public void Lint_DropDatabase_ReportsGL022EvenInAContractScript() =>
        Assert.Equal(["GL022"], LintSamples.Lint("-- greenlight:phase=contract\nDROP DATABASE IF EXISTS shop;").Select(f => f.RuleId));

    [Fact]
    public void Lint_DropNotNull_ReportsGL023InExpandOnly()
    {
        const string Sql = "ALTER TABLE users\n  ALTER COLUMN email DROP NOT NULL;";

        LintSamples.Single(Sql, "GL023").AssertAt(2, 3);
        Assert.Empty(LintSamples.Lint(Sql, phase: MigrationPhase.Contract));
        Assert.Empty(LintSamples.Lint("CREATE TABLE t (a text NOT NULL);\n" + Sql.Replace("users", "t", StringComparison.Ordinal)));
    }
}
