namespace Greenlight.Migrations.Tests.Lint;

public sealed class OverrideTests
{
    [Fact]
    public void Lint_AllowBeforeStatement_SilencesOnlyThatStatement() =>
        LintSamples.Single("-- greenlight:allow GL001 legacy table, unused since 2.3\nDROP TABLE a;\nDROP TABLE b;", "GL001").AssertAt(3, 1);

    [Fact]
    public void Lint_AllowOneRule_KeepsOtherRulesOfTheStatement() =>
        LintSamples.Single("-- greenlight:allow GL002 column never read\nALTER TABLE t DROP COLUMN a, ALTER COLUMN b TYPE text;", "GL005");

    [Fact]
    public void Lint_AllowInsideStatement_SilencesIt() =>
        Assert.Empty(LintSamples.Lint("ALTER TABLE t\n  -- greenlight:allow GL002 column never read\n  DROP COLUMN a;"));

    [Fact]
    public void Lint_AllowInBlockCommentAfterSemicolon_SilencesThatStatement() =>
        LintSamples.Single("TRUNCATE a; /* greenlight:allow GL010 scratch table */\nTRUNCATE b;", "GL010").AssertAt(2, 1);

    [Fact]
    public void Lint_AllowWithoutReason_ReportsGL000AndDoesNotSilence()
    {
        var findings = LintSamples.Lint("SELECT 1;\n  -- greenlight:allow GL001\nDROP TABLE a;");

        Assert.Equal(["GL000@2:3", "GL001@3:1"], findings.Select(f => $"{f.RuleId}@{f.Line}:{f.Column}"));
    }

    [Fact]
    public void Lint_AllowUnknownRule_ReportsGL000()
    {
        var findings = LintSamples.Lint("-- greenlight:allow GL999 typo\nDROP TABLE a;");

        Assert.Equal(["GL000", "GL001"], findings.Select(f => f.RuleId));
        Assert.Contains("GL999", findings[0].Message);
    }

    [Fact]
    public void Lint_AllowWithoutRuleId_ReportsGL000() =>
        LintSamples.Single("-- greenlight:allow\nSELECT 1;", "GL000").AssertAt(1, 1);
}
