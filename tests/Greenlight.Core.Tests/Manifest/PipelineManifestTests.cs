using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>The <c>pipeline</c> section: stages of command steps and built-in checks, each kind with its own keys.</summary>
public sealed class PipelineManifestTests
{
    private const string Full = """
        pipeline:
          stages:
            - name: test
              steps:
                - name: unit
                  command: [dotnet, test, --logger, trx]
                  workingDirectory: src
                  env: {CI: "true"}
                  timeout: 10m
                  testResults: ["**/*.trx"]
                - name: lint
                  run: ./lint.sh && echo ok
            - name: scan
              steps:
                - name: secrets
                  check: secrets
                  baseline: .secrets-baseline.json
                  history: true
                  maxDecodeDepth: 2
                - name: deps
                  check: dependencies
                  osv: osv
                  failAt: moderate
                  ignore:
                    - {id: GHSA-1111-2222-3333, reason: not reachable from our code, expires: 2027-01-31}
                - name: infra
                  check: iac
                  path: infra
                  skip:
                    - {rule: IAC003, resource: aws_security_group.bastion, reason: VPN only}
        """;

    [Fact]
    public void Parse_EveryStepKind_ReadsStagesInOrderWithResolvedPaths()
    {
        var result = ManifestLoader.Parse(With(Full), "/srv/shop/greenlight.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var steps = result.Manifest!.Pipeline!.Steps.ToList();
        Assert.Equal(["test/unit", "test/lint", "scan/secrets", "scan/deps", "scan/infra"], steps.Select(s => $"{s.Stage.Name}/{s.Step.Name}"));
        var unit = steps[0].Step;
        Assert.Equal("/srv/shop/src", unit.WorkingDirectory);
        Assert.Equal(TimeSpan.FromMinutes(10), unit.Timeout);
        var command = Assert.IsType<CommandAction>(unit.Action);
        Assert.Equal(["dotnet", "test", "--logger", "trx"], command.Argv);
        Assert.Equal(["**/*.trx"], command.TestResults);
        Assert.Equal("./lint.sh && echo ok", Assert.IsType<CommandAction>(steps[1].Step.Action).Shell);
        Assert.Equal(new SecretsAction("/srv/shop", null, "/srv/shop/.secrets-baseline.json", true) { MaxDecodeDepth = 2 }, steps[2].Step.Action);
        var deps = Assert.IsType<DependenciesAction>(steps[3].Step.Action);
        Assert.Equal(("/srv/shop/osv", "moderate"), (deps.Osv, deps.FailAt));
        Assert.Equal([new IgnoreSpec("GHSA-1111-2222-3333", "not reachable from our code", new DateOnly(2027, 1, 31))], deps.Ignore);
        var iac = Assert.IsType<IacAction>(steps[4].Step.Action);
        Assert.Equal("/srv/shop/infra", iac.Path);
        Assert.Equal([new IacSkipSpec("IAC003", "aws_security_group.bastion", "VPN only")], iac.Skip);
    }

    [Fact]
    public void Parse_SecretsWithRulesGitleaks_SelectsGitleaksRuleSet()
    {
        var steps = ManifestLoader.Parse(Step("          check: secrets\n          rules: gitleaks\n"), "/srv/shop/greenlight.yaml").Manifest!.Pipeline!.Stages[0].Steps;

        var secrets = Assert.IsType<SecretsAction>(Assert.Single(steps).Action);
        Assert.Equal(("gitleaks", null), (secrets.Rules, secrets.Config));
    }

    [Fact]
    public void Parse_NoPipeline_LeavesItNull() => Assert.Null(ManifestLoader.Parse(With(""), "greenlight.yaml").Manifest!.Pipeline);

    private static string Step(string body) => With("pipeline:\n  stages:\n    - name: gate\n      steps:\n        - name: one\n" + body);

    [Theory]
    [InlineData("", "greenlight.yaml:10:11: pipeline.stages[0].steps[0]: found no action, expected exactly one of run, command, check")]
    [InlineData("          run: make\n          check: secrets\n", "greenlight.yaml:10:11: pipeline.stages[0].steps[0]: found run and check, expected exactly one of run, command, check")]
    [InlineData("          check: sast\n", "greenlight.yaml:11:18: pipeline.stages[0].steps[0].check: found \"sast\", expected one of secrets, dependencies, iac, migrations-lint")]
    [InlineData("          check: secrets\n          osv: osv\n", "greenlight.yaml:12:11: pipeline.stages[0].steps[0].osv: unknown key, expected one of name, timeout, workingDirectory, run, command, check, path, config, rules, baseline, history, maxDecodeDepth")]
    [InlineData("          check: secrets\n          rules: all\n", "greenlight.yaml:12:18: pipeline.stages[0].steps[0].rules: found \"all\", expected one of default, gitleaks")]
    [InlineData("          check: secrets\n          config: team.toml\n          rules: gitleaks\n", "greenlight.yaml:13:18: pipeline.stages[0].steps[0].rules: found both rules and config, but a config file's rules replace the built-in ones, expected rules (default or gitleaks) or config (a gitleaks-format file), not both")]
    [InlineData("          check: secrets\n          maxDecodeDepth: -1\n", "greenlight.yaml:12:27: pipeline.stages[0].steps[0].maxDecodeDepth: found \"-1\", expected a number of decoding passes from 0 to 100")]
    [InlineData("          check: dependencies\n", "greenlight.yaml:10:11: pipeline.stages[0].steps[0].osv: missing required key, expected a non-empty string")]
    [InlineData("          check: dependencies\n          osv: o\n          failAt: severe\n", "greenlight.yaml:13:19: pipeline.stages[0].steps[0].failAt: found \"severe\", expected one of low, moderate, high, critical")]
    [InlineData("          command: []\n", "greenlight.yaml:11:20: pipeline.stages[0].steps[0].command: found an empty list, expected the program and its arguments, such as [dotnet, test]")]
    [InlineData("          run: make\n          timeout: 0s\n", "greenlight.yaml:12:20: pipeline.stages[0].steps[0].timeout: found \"0s\", expected a duration longer than 0s")]
    public void Parse_BadStep_IsReportedWithItsPosition(string body, string expected) => Assert.Equal([expected], Errors(Step(body)));

    [Fact]
    public void Parse_IgnoreWithoutReasonOrExpiry_IsRefused() =>
        Assert.Equal(
            [
                "greenlight.yaml:14:15: pipeline.stages[0].steps[0].ignore[0].reason: missing required key, expected why the finding is accepted",
                "greenlight.yaml:14:15: pipeline.stages[0].steps[0].ignore[0].expires: missing required key, expected a date such as 2027-01-31",
            ],
            Errors(Step("          check: dependencies\n          osv: o\n          ignore:\n            - {id: CVE-2026-1}\n")));

    [Fact]
    public void Parse_SameStepNameTwiceInAStage_IsRefused() =>
        Assert.Equal(
            ["greenlight.yaml:12:17: pipeline.stages[0].steps[1].name: found \"one\" a second time in stage gate, expected a name no other step of the stage uses"],
            Errors(Step("          run: a\n        - name: one\n          run: b\n")));

    [Fact]
    public void Parse_MigrationsLintWithoutDatabase_IsRefused() =>
        Assert.Equal(
            ["greenlight.yaml:7:3: pipeline: found a migrations-lint step but no database section, expected a database section naming the migrations to lint"],
            Errors(Step("          check: migrations-lint\n")));
}
