using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Every problem in <c>environments</c> is reported where it is, saying what was found and what is expected.</summary>
public sealed class EnvironmentProblemsTests
{
    /// <summary>An environment with one region; its last line is line 7.</summary>
    private const string Staging = """
        app: shop
        run:
          command: dotnet
        environments:
          - name: staging
            regions:
              - { name: local, edge: { listen: 127.0.0.1:8180 } }
        """;

    private const string PlaceName = "a name of lowercase letters, digits and '-', 1 to 40 characters, not starting with '-'";

    private static IReadOnlyList<string> StagingWith(string lines) => Errors(Staging + "\n" + lines);

    [Theory]
    [InlineData("    soak: soon", "greenlight.yaml:8:11: environments[0].soak: found \"soon\", expected a duration such as 30s, 5m, 24h")]
    [InlineData("    promotion: manual", "greenlight.yaml:8:16: environments[0].promotion: found manual on the first environment, which a release enters by `greenlight deploy`, expected auto, or promotion only on later environments")]
    [InlineData("    onFailure: undo", "greenlight.yaml:8:16: environments[0].onFailure: found \"undo\", expected one of rollbackAll, halt")]
    [InlineData("    maxParallel: 0", "greenlight.yaml:8:18: environments[0].maxParallel: found \"0\", expected a number of regions from 1 to 1000")]
    [InlineData("    bak: 5m", "greenlight.yaml:8:5: environments[0].bak: unknown key (did you mean \"bake\"?), expected one of name, regions, waves, promotion, window, soak, hotfixSoak, maxParallel, bake, onFailure, approval, overrides")]
    [InlineData("    overrides: { strategy: { blueGreen: {} } }", "greenlight.yaml:8:18: environments[0].overrides.strategy: unknown key, expected one of run, secrets, checks, analysis, health")]
    [InlineData("    overrides: { secrets: { DB: vault:secret/shop } }", "greenlight.yaml:8:33: environments[0].overrides.secrets.DB: found \"vault:secret/shop\", expected vault:<mount>/<path>#<key>, such as vault:secret/shop#db_password")]
    [InlineData("    overrides: { run: { instances: 0 } }", "greenlight.yaml:8:36: environments[0].overrides.run.instances: found \"0\", expected an instance count from 1 to 64")]
    [InlineData("    overrides: { run: { command: node } }", "greenlight.yaml:8:25: environments[0].overrides.run.command: unknown key, expected one of instances, env")]
    [InlineData("    overrides: { run: { env: { PORT: \"1\" } } }", "greenlight.yaml:8:32: environments[0].overrides.run.env: found \"PORT\", expected a name other than PORT, which Greenlight sets to the revision's port")]
    public void Parse_BadEnvironmentRule_IsReportedAtIt(string lines, string expected) =>
        Assert.Equal([expected], StagingWith(lines));

    [Theory]
    [InlineData("    window: { days: [mon, fry], timeZone: UTC }", "greenlight.yaml:8:27: environments[0].window.days[1]: found \"fry\", expected a day: mon, tue, wed, thu, fri, sat or sun")]
    [InlineData("    window: { days: [mon, mon], timeZone: UTC }", "greenlight.yaml:8:27: environments[0].window.days[1]: found \"mon\", expected a day not listed before")]
    [InlineData("    window: { days: [], timeZone: UTC }", "greenlight.yaml:8:21: environments[0].window.days: found an empty list, expected a non-empty list")]
    [InlineData("    window: { hours: 9-16, timeZone: UTC }", "greenlight.yaml:8:22: environments[0].window.hours: found \"9-16\", expected a range of times HH:MM-HH:MM such as 09:00-16:00 (22:00-02:00 runs overnight, 24:00 is the end of a day)")]
    [InlineData("    window: { hours: \"24:00-08:00\", timeZone: UTC }", "greenlight.yaml:8:22: environments[0].window.hours: found \"24:00-08:00\", expected a range of times HH:MM-HH:MM such as 09:00-16:00 (22:00-02:00 runs overnight, 24:00 is the end of a day)")]
    [InlineData("    window: { hours: \"09:00-09:00\", timeZone: UTC }", "greenlight.yaml:8:22: environments[0].window.hours: found \"09:00-09:00\", expected a range that opens and closes at different times")]
    [InlineData("    window: { timeZone: Europe/Berlim }", "greenlight.yaml:8:25: environments[0].window.timeZone: found \"Europe/Berlim\", expected a time zone id this machine knows (see /usr/share/zoneinfo), such as Europe/Berlin or UTC")]
    [InlineData("    window: { timeZone: ../../etc/passwd }", "greenlight.yaml:8:25: environments[0].window.timeZone: found \"../../etc/passwd\", expected an IANA time zone id such as Europe/Berlin or UTC")]
    [InlineData("    window: { days: [mon] }", "greenlight.yaml:8:13: environments[0].window.timeZone: missing required key, expected an IANA time zone id such as Europe/Berlin or UTC")]
    public void Parse_BadWindow_IsReportedAtIt(string lines, string expected) =>
        Assert.Equal([expected], StagingWith(lines));

    [Theory]
    [InlineData("    waves: [[local], [ci]]", "greenlight.yaml:8:23: environments[0].waves[1][0]: found \"ci\", expected a region of this environment: local")]
    [InlineData("    waves: [[local], [local]]", "greenlight.yaml:8:23: environments[0].waves[1][0]: found \"local\", expected a region no earlier wave lists: each region is in exactly one wave")]
    [InlineData("    waves: [[local], []]", "greenlight.yaml:8:22: environments[0].waves[1]: found an empty list, expected a non-empty list")]
    [InlineData("    waves: []", "greenlight.yaml:8:12: environments[0].waves: found an empty list, expected a non-empty list")]
    [InlineData("    waves: [local]", "greenlight.yaml:8:13: environments[0].waves[0]: found \"local\", expected a non-empty list")]
    public void Parse_BadWaves_AreReportedAtTheirPlace(string lines, string expected) =>
        Assert.Equal([expected], StagingWith(lines));

    [Fact]
    public void Parse_RegionInNoWave_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:9:12: environments[0].waves: found no wave for eu, expected every region of the environment in exactly one wave"],
            StagingWith("      - { name: eu, edge: { listen: 127.0.0.1:8181 } }\n    waves: [[local]]"));

    [Fact]
    public void Parse_DuplicateNames_AreReportedAtTheSecond() =>
        Assert.Equal(
            [
                "greenlight.yaml:8:17: environments[0].regions[1].name: found \"local\" a second time, expected a name no other region of this environment uses",
                "greenlight.yaml:9:11: environments[1].name: found \"staging\" a second time, expected a name no other environment uses",
            ],
            StagingWith("      - { name: local, edge: { listen: 127.0.0.1:8181 } }\n  - name: staging\n    regions: [{ name: eu, edge: { listen: 127.0.0.1:9000 } }]"));

    [Theory]
    [InlineData("EU_West")]
    [InlineData("-eu")]
    [InlineData("a-name-that-is-longer-than-forty-characters")]
    public void Parse_BadRegionName_IsReported(string name) =>
        Assert.Equal(
            [$"greenlight.yaml:7:17: environments[0].regions[0].name: found \"{name}\", expected {PlaceName}"],
            Errors(Staging.Replace("name: local", $"name: {name}")));

    [Theory]
    [InlineData("127.0.0.1:8180", "127.0.0.1:8180")]
    [InlineData("0.0.0.0:8180", "0.0.0.0:8180")]
    [InlineData("localhost:8180", "localhost:8180")]
    public void Parse_TwoRegionsOnOneAddress_IsReportedAtTheSecond(string listen, string shown) =>
        Assert.Equal(
            [$"greenlight.yaml:9:43: environments[1].regions[0].edge.listen: found \"{shown}\", which region staging/local listens on already, expected an address of its own: each region runs its own edge"],
            StagingWith($"  - name: production\n    regions: [{{ name: eu, edge: {{ listen: {listen} }} }}]"));

    [Fact]
    public void Parse_SamePortOnAnotherAddress_IsValid() =>
        Assert.Empty(StagingWith("  - name: production\n    regions: [{ name: eu, edge: { listen: 127.0.0.2:8180 } }]"));

    [Fact]
    public void Parse_EnvironmentWithoutRegionsAndNoTopLevelEdge_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:8:5: environments[1].regions: found no regions and no top-level edge, expected regions, or edge.listen at the top level for this environment's one region"],
            StagingWith("  - name: production"));

    [Fact]
    public void Parse_TwoEnvironmentsOnTheTopLevelEdge_IsReportedAtTheSecond() =>
        Assert.Equal(
            ["greenlight.yaml:8:5: environments[1].regions: found no regions, so its one region would listen on the top-level edge 127.0.0.1:8080, which region staging/default listens on already, expected regions with edges of their own"],
            Errors(Minimal + "\nenvironments:\n  - name: staging\n  - name: production\n"));

    [Fact]
    public void Parse_TopLevelEdgeUnusedByTheEnvironments_MayShareARegionsAddress() =>
        Assert.Empty(Errors(Minimal + "\nenvironments:\n  - name: staging\n    regions: [{ name: local, edge: { listen: 127.0.0.1:8080 } }]\n"));

    [Fact]
    public void Parse_EmptyEnvironments_IsReported() =>
        Assert.Equal(
            ["greenlight.yaml:6:15: environments: found an empty list, expected a non-empty list"],
            Errors(Minimal + "\nenvironments: []\n"));
}
