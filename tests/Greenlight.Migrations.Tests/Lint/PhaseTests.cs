using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Tests.Lint;

public sealed class PhaseTests
{
    private const string Destructive = "DROP TABLE a;\nALTER TABLE b DROP COLUMN c;\nALTER TABLE b RENAME TO d;\nTRUNCATE e;";

    [Fact]
    public void Lint_ContractHeader_SkipsDestructiveRules() =>
        Assert.Empty(LintSamples.Lint("-- greenlight:phase=contract\n" + Destructive));

    [Fact]
    public void Lint_ContractPhaseArgument_SkipsDestructiveRules() =>
        Assert.Empty(LintSamples.Lint(Destructive, phase: MigrationPhase.Contract));

    [Fact]
    public void Lint_ExpandScript_ReportsDestructiveRules() =>
        Assert.Equal(["GL001", "GL002", "GL003", "GL010"], LintSamples.Lint(Destructive).Select(f => f.RuleId));

    [Fact]
    public void Lint_ContractScript_StillReportsLockingRules()
    {
        var findings = LintSamples.Lint("-- greenlight:phase=contract\nDROP INDEX ix;\nCREATE INDEX ix2 ON t (a);");

        Assert.Equal(["GL011", "GL007"], findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Lint_PhaseHeaderAfterFirstStatement_IsNotAHeader() =>
        Assert.Single(LintSamples.Lint("DROP TABLE a;\n-- greenlight:phase=contract\nSELECT 1;"));
}
