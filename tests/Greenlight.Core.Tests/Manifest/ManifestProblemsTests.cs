using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>The structural problems: syntax, empty files, unknown keys, wrong node types, missing keys.</summary>
public sealed class ManifestProblemsTests
{
    private const string AppName = "a name of lowercase letters, digits and '-' that starts with a letter, at most 63 characters";

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneAtItsPosition()
    {
        const string yaml = """
            app: Shop_1
            run:
              comand: dotnet
              stopTimeout: soon
            health:
              path: health
            edge:
              listen: 127.0.0.1:99999
            strategy:
              blueGreen:
                warmFor: tomorrow
            checks:
              - name: shopper
                steps:
                  - path: /cart/${token}
                    expect:
                      status: 700
            """;

        Assert.Equal(
            [
                $"greenlight.yaml:1:6: app: found \"Shop_1\", expected {AppName}",
                "greenlight.yaml:3:3: run.command: missing required key, expected a non-empty string",
                "greenlight.yaml:3:3: run.comand: unknown key (did you mean \"command\"?), expected one of target, command, args, workingDirectory, env, stopTimeout, instances, image, port, resources",
                "greenlight.yaml:4:16: run.stopTimeout: found \"soon\", expected a duration such as 30s, 5m, 24h",
                "greenlight.yaml:6:9: health.path: found \"health\", expected a path starting with /",
                "greenlight.yaml:8:11: edge.listen: found \"127.0.0.1:99999\", expected host:port such as 127.0.0.1:8080 (an IP address or localhost, port 1-65535)",
                "greenlight.yaml:11:14: strategy.blueGreen.warmFor: found \"tomorrow\", expected a duration such as 30s, 5m, 24h",
                "greenlight.yaml:15:15: checks[0].steps[0].path: found \"/cart/${token}\", expected no ${...} placeholder: no earlier step of this check captures a variable",
                "greenlight.yaml:17:19: checks[0].steps[0].expect.status: found \"700\", expected an HTTP status code from 100 to 599",
            ],
            Errors(yaml));
    }

    [Theory]
    [InlineData("app: shop\napp: other\n", "greenlight.yaml:2:1: invalid YAML: Duplicate key app")]
    [InlineData("app: shop\nrun: [a, b\n", "greenlight.yaml:3:1: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'.")]
    public void Parse_YamlSyntaxError_ReportsItsPosition(string yaml, string expected) => Assert.Equal([expected], Errors(yaml));

    [Fact]
    public void Parse_NameEndingInANewline_IsRefused() =>
        // A pattern ending in $ would match before the final newline, and the name reaches file names and logs.
        Assert.Equal([$"greenlight.yaml:1:6: app: found \"shop\\n\", expected {AppName}"], Errors(Minimal.Replace("app: shop", "app: \"shop\\n\"")));

    [Theory]
    [InlineData("")]
    [InlineData("# nothing here yet\n")]
    [InlineData("~\n")]
    public void Parse_EmptyFile_ReportsWhatIsExpected(string yaml) =>
        Assert.Equal(["greenlight.yaml:1:1: the file is empty, expected a mapping with at least app, run and edge"], Errors(yaml));

    [Fact]
    public void Parse_RootIsAList_ReportsAMappingIsExpected() =>
        Assert.Equal(["greenlight.yaml:1:1: found a list, expected a mapping with at least app, run and edge"], Errors("- app: shop\n"));

    [Fact]
    public void Parse_SecondDocument_IsReported() =>
        Assert.Equal(["greenlight.yaml:7:1: found a second YAML document, expected a single document"], Errors(Minimal + "\n---\napp: other\n"));

    [Theory]
    [InlineData("helth:\n  path: /h", "greenlight.yaml:6:1: helth: unknown key (did you mean \"health\"?), expected one of app, run, health, edge, strategy, analysis, database, pipeline, checks, secrets, environments, kubernetes, reconcile, notifications")]
    [InlineData("colour: blue", "greenlight.yaml:6:1: colour: unknown key, expected one of app, run, health, edge, strategy, analysis, database, pipeline, checks, secrets, environments, kubernetes, reconcile, notifications")]
    [InlineData("strategy:\n  blueGreen:\n    WarmFor: 1h", "greenlight.yaml:8:5: strategy.blueGreen.WarmFor: unknown key (did you mean \"warmFor\"?), expected one of warmFor")]
    public void Parse_UnknownKey_ListsAllowedKeysAndNearestName(string section, string expected) =>
        Assert.Equal([expected], Errors(With(section)));

    [Theory]
    [InlineData("health: /health", "greenlight.yaml:6:9: health: found \"/health\", expected a mapping")]
    [InlineData("checks: {name: a}", "greenlight.yaml:6:9: checks: found a mapping, expected a list")]
    [InlineData("health:\n  timeout: [1s]", "greenlight.yaml:7:12: health.timeout: found a list, expected a duration such as 30s, 5m, 24h")]
    [InlineData("checks:\n  - just-a-name", "greenlight.yaml:7:5: checks[0]: found \"just-a-name\", expected a mapping")]
    public void Parse_WrongNodeType_ReportsWhatWasFoundAndExpected(string section, string expected) =>
        Assert.Equal([expected], Errors(With(section)));

    [Fact]
    public void Parse_MissingRequiredKeys_ReportsEachOne() =>
        Assert.Equal(
            [
                $"greenlight.yaml:1:1: app: missing required key, expected {AppName}",
                "greenlight.yaml:1:1: edge: missing required key, expected a mapping, or environments whose regions have their own edge",
                "greenlight.yaml:2:3: run.command: missing required key, expected a non-empty string",
            ],
            Errors("run:\n  args: []\n"));

    [Fact]
    public void Parse_RequiredKeyWithoutValue_ReportsNoValue() =>
        Assert.Equal(
            ["greenlight.yaml:5:10: edge.listen: found no value, expected host:port such as 127.0.0.1:8080 (an IP address or localhost, port 1-65535)"],
            Errors(Minimal.Replace("listen: 127.0.0.1:8080", "listen:")));

    [Theory]
    [InlineData("checks:\n  - name: a", "greenlight.yaml:7:5: checks[0].steps: missing required key, expected a non-empty list")]
    [InlineData("checks:\n  - name: a\n    steps: []", "greenlight.yaml:8:12: checks[0].steps: found an empty list, expected a non-empty list")]
    public void Parse_CheckWithoutSteps_IsReported(string section, string expected) =>
        Assert.Equal([expected], Errors(With(section)));

    [Theory]
    [InlineData("strategy: {}", "greenlight.yaml:6:11: strategy: found no strategy, expected exactly one of blueGreen, canary")]
    [InlineData("strategy:\n  rolling: {}", "greenlight.yaml:7:3: strategy: found no strategy, expected exactly one of blueGreen, canary",
        "greenlight.yaml:7:3: strategy.rolling: unknown key, expected one of blueGreen, canary")]
    public void Parse_StrategyWithoutAStrategy_IsReported(string section, params string[] expected) =>
        Assert.Equal(expected, Errors(With(section)));
}
