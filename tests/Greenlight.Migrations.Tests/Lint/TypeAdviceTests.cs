using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Tests.Lint;

// GL024–GL029: Low severity, on new tables too, all switched off by one option.
public sealed class TypeAdviceTests
{
    private const string Table = """
        CREATE TABLE orders (
          id serial PRIMARY KEY,
          buyer_id int NOT NULL,
          country char(2),
          note varchar(200),
          placed_at timestamp(3) without time zone,
          "a_column_name_that_goes_on_and_on_and_on_and_on_until_it_is_cut_off" text,
          CONSTRAINT fk_buyer FOREIGN KEY (buyer_id) REFERENCES users (id)
        );
        """;

    [Fact]
    public void Lint_CreateTableWithAdvisedTypes_ReportsEachAtItsType()
    {
        var findings = LintSamples.Lint(Table);

        Assert.Equal(
            ["GL024@2:6", "GL028@2:6", "GL024@3:12", "GL025@4:11", "GL026@5:8", "GL027@6:13", "GL029@7:3"],
            findings.OrderBy(f => (f.Line, f.Column)).Select(f => $"{f.RuleId}@{f.Line}:{f.Column}"));
        Assert.All(findings, f => Assert.Equal(LintSeverity.Low, f.Severity));
        Assert.All(findings, f => Assert.False(f.Fails));
    }

    [Fact]
    public void Lint_TypeAdviceOff_ReportsNone() =>
        Assert.Empty(LintSamples.Lint(Table, options: new LintOptions { TypeAdvice = false }));

    [Fact]
    public void Lint_TypeAdviceOnSqlite_ReportsNone() =>
        Assert.Empty(LintSamples.Lint(Table, Migrations.DatabaseProvider.Sqlite));

    [Theory]
    [InlineData("CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int, name text, code varchar, at timestamptz, at2 timestamp with time zone, c character varying)")]
    [InlineData("CREATE TABLE t (id bigint PRIMARY KEY, counts int[], small smallint)")]
    [InlineData("CREATE TABLE t (\"char\" \"char\", v varchar)")]
    [InlineData("CREATE TABLE IF NOT EXISTS t AS SELECT 1 AS n")]
    public void Lint_AdvisedAgainstTypesAbsent_ReportsNothing(string sql) =>
        Assert.Empty(LintSamples.Lint(sql));

    [Theory]
    [InlineData("ALTER TABLE users ALTER COLUMN note TYPE varchar(100);", "GL026")]
    [InlineData("ALTER TABLE users ALTER COLUMN seen SET DATA TYPE timestamp;", "GL027")]
    [InlineData("ALTER TABLE orders ADD COLUMN user_id smallint NULL REFERENCES users (id) NOT VALID;", "GL024")]
    public void Lint_TypeInAlterTable_ReportsTheAdvice(string sql, string ruleId) =>
        Assert.Contains(ruleId, LintSamples.Lint(sql).Select(f => f.RuleId));

    [Fact]
    public void Lint_IdentifierOf63Bytes_IsFineAnd64BytesIsNot()
    {
        var name63 = new string('a', 61) + "é"; // 61 + 2 bytes
        Assert.Empty(LintSamples.Lint($"CREATE TABLE \"{name63}\" (id bigint);"));
        LintSamples.Single($"CREATE TABLE {name63}x (id bigint);", "GL029").AssertAt(1, 14);
    }
}
