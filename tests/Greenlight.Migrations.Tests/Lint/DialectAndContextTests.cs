using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Tests.Lint;

public sealed class DialectAndContextTests
{
    public static TheoryData<string> PostgreSqlOnlyRules() =>
        new(SqlLinter.Rules.Where(r => !r.Dialects.Contains(DatabaseProvider.Sqlite)).Select(r => r.Id));

    [Theory]
    [MemberData(nameof(PostgreSqlOnlyRules))]
    public void Lint_PostgreSqlOnlyRuleOnSqlite_ReportsNothing(string ruleId) =>
        Assert.DoesNotContain(ruleId, LintSamples.Lint(LintSamples.ByRule[ruleId], DatabaseProvider.Sqlite, options: LintSamples.Options).Select(f => f.RuleId));

    [Fact]
    public void Lint_DropTableOnSqlite_ReportsGL001() =>
        LintSamples.Single("DROP TABLE users;", "GL001", DatabaseProvider.Sqlite);

    [Fact]
    public void Lint_TableCreatedInSameScript_SkipsLockingRules() =>
        Assert.Empty(LintSamples.Lint(
            "CREATE TABLE app.orders (id bigint);\n" +
            "CREATE INDEX ix ON orders (id);\n" +
            "ALTER TABLE orders ADD COLUMN user_id bigint NOT NULL REFERENCES users (id), ADD UNIQUE (id);"));

    [Fact]
    public void Lint_IndexAfterCreateTableIfNotExists_ReportsGL007BecauseTheTableMayExist() =>
        LintSamples.Single("CREATE TABLE IF NOT EXISTS orders (id bigint);\nCREATE INDEX ON orders (id);", "GL007").AssertAt(2, 1);

    [Fact]
    public void Lint_TableCreatedInSameScript_StillReportsDestructiveRules() =>
        LintSamples.Single("CREATE TABLE t (id int);\nALTER TABLE t DROP COLUMN id;", "GL002");

    [Fact]
    public void Lint_IndexOnTableCreatedLater_ReportsGL007() =>
        LintSamples.Single("CREATE INDEX ix ON orders (id);\nCREATE TABLE orders (id int);", "GL007");

    [Fact]
    public void Lint_50000NestedParentheses_AreReadAndTheNextStatementsStillLinted()
    {
        var deep = new string('(', 50_000) + "1" + new string(')', 50_000);

        var findings = LintSamples.Lint($"SELECT {deep};\nALTER TABLE users DROP COLUMN email, ADD CHECK {deep};\nDROP TABLE users;");

        Assert.Equal([("GL001", 3), ("GL002", 2), ("GL008", 2)], findings.Select(f => (f.RuleId, f.Line)).Order());
    }

    [Fact]
    public void Rules_EachHasUniqueIdAndDocumentation()
    {
        Assert.Equal(SqlLinter.Rules.Count, SqlLinter.Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(SqlLinter.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Why + r.SafeAlternative)));
    }
}
