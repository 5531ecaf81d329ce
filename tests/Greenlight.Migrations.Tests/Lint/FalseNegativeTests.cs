namespace Greenlight.Migrations.Tests.Lint;

// False negatives the issue found: each failed (reported nothing, or the wrong place) before the fix.
public sealed class FalseNegativeTests
{
    [Theory]
    [InlineData("ALTER TABLE users ADD COLUMN x bigint NOT NULL DEFAULT NULL;")]
    [InlineData("ALTER TABLE users ADD COLUMN x bigint DEFAULT NULL::bigint NOT NULL;")]
    [InlineData("ALTER TABLE users ADD COLUMN x bigint NOT NULL DEFAULT (NULL);")]
    public void Lint_NotNullWithDefaultNull_ReportsGL004(string sql) =>
        LintSamples.Single(sql, "GL004").AssertAt(1, 19);

    [Fact]
    public void Lint_NotNullColumnWhoseReferenceSaysSetDefault_ReportsGL004AndGL008()
    {
        var findings = LintSamples.Lint("ALTER TABLE orders ADD COLUMN user_id bigint NOT NULL REFERENCES users (id) ON DELETE SET DEFAULT;");

        Assert.Equal(["GL004", "GL008"], findings.Select(f => f.RuleId).Order());
    }

    [Fact]
    public void Lint_NotNullWithRealDefaultAndSetDefaultAction_ReportsOnlyGL008() =>
        LintSamples.Single("ALTER TABLE orders ADD COLUMN user_id bigint NOT NULL DEFAULT 0 REFERENCES users (id) ON DELETE SET DEFAULT;", "GL008");

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Lint_AnyLineEnd_ReportsTheSamePositionsAndStatement(string eol)
    {
        var sql = string.Join(eol, "-- a comment; DROP TABLE x", "SELECT 1;", "", "  TRUNCATE users;", "ALTER TABLE users", "  DROP COLUMN email;");

        var findings = LintSamples.Lint(sql);

        Assert.Equal(["GL010@4:3", "GL002@6:3"], findings.Select(f => $"{f.RuleId}@{f.Line}:{f.Column}"));
        Assert.Equal(["TRUNCATE users;", "ALTER TABLE users"], findings.Select(f => f.Statement));
    }
}
