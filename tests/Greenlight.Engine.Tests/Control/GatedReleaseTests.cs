using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Control;

/// <summary>
/// Releases of the real shop behind the built-in security gates: a planted secret, a vulnerable dependency or an
/// unencrypted bucket stops the release before any revision starts, with the finding in the release record; the
/// same release cleaned up goes through.
/// </summary>
public sealed class GatedReleaseTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("greenlight-gated-").FullName;

    private AppManifest Gated(AppManifest m)
    {
        PipelineStep Step(string name, StepAction action) => new(name, TimeSpan.FromMinutes(1), _app, action);
        return m with
        {
            Pipeline = new PipelineSpec(
            [
                new PipelineStage("scan",
                [
                    Step("secrets", new SecretsAction(_app, null, null, false)),
                    Step("dependencies", new DependenciesAction(_app, Path.Combine(_app, "osv"), "high", [])),
                    Step("iac", new IacAction(_app, [])),
                ]),
            ]),
        };
    }

    public static TheoryData<string, string, string, string> Plantings => new()
    {
        { "src/settings.py", $"aws_access_key_id = \"{AwsKeyId()}\"\n", "region = \"eu-west-1\"\n", "aws" },
        { "src/packages.lock.json", Lock("12.0.3"), Lock("13.0.1"), "GHSA-5crp-9r3c-p9vr" },
        { "infra/plan.json", IacFixtures.Plan(encrypted: false), IacFixtures.Plan(encrypted: true), "aws_s3_bucket.logs" },
    };

    [Theory]
    [MemberData(nameof(Plantings))]
    public async Task Deploy_TreeWithAFinding_IsStoppedBeforeAnyRevisionStarts_AndGoesThroughOnceClean(string file, string bad, string clean, string finding)
    {
        WriteOsvDatabase();
        Write(file, bad);
        await using var h = await ReleaseHarness.StartAsync(Gated);

        var stopped = await h.DeployAsync("2.0");

        Assert.Equal(RolloutPhase.Failed, stopped.Phase);
        Assert.StartsWith("pipeline step scan/", stopped.Reason);
        Assert.Empty(h.RunningRevisions());
        Assert.Null(await h.Controller.Pipelines.GetAsync("none", h.Cancellation));
        var run = await h.Controller.Pipelines.GetAsync(stopped.PipelineRunId!, h.Cancellation);
        Assert.Contains(run!.FailedStep!.Findings, f => f.Contains(finding, StringComparison.Ordinal));

        Write(file, clean);
        var released = await h.DeployAsync("2.0");

        Assert.Equal(RolloutPhase.Completed, released.Phase);
        Assert.Equal("2.0", await h.NextVersionAsync());
        var passed = await h.Controller.Pipelines.GetAsync(released.PipelineRunId!, h.Cancellation);
        Assert.Equal(PipelineStatus.Passed, passed!.Status);
        Assert.All(passed.Steps, s => Assert.Equal(StepStatus.Passed, s.Status));
    }

    [Fact]
    public async Task PlantedSecret_NeverAppearsInTheReleaseRecordOrLogs()
    {
        WriteOsvDatabase();
        var key = AwsKeyId();
        Write("src/settings.py", $"aws_access_key_id = \"{key}\"\n");
        await using var h = await ReleaseHarness.StartAsync(Gated);

        var stopped = await h.DeployAsync("2.0");

        var run = await h.Controller.Pipelines.GetAsync(stopped.PipelineRunId!, h.Cancellation);
        var events = await h.Controller.GetEventsAsync(stopped.Id, 0, h.Cancellation);
        Assert.DoesNotContain(key, stopped.Reason);
        Assert.All(run!.Steps.SelectMany(s => s.Findings), f => Assert.DoesNotContain(key, f));
        Assert.All(events, e => Assert.DoesNotContain(key, e.Message));
        Assert.DoesNotContain(key, await File.ReadAllTextAsync(run.Steps[0].Log, h.Cancellation));
    }

    private void WriteOsvDatabase() => Write("osv/GHSA-5crp-9r3c-p9vr.json", """
        {"id": "GHSA-5crp-9r3c-p9vr", "aliases": ["CVE-2024-21907"], "summary": "Improper handling of exceptional conditions in Newtonsoft.Json",
         "database_specific": {"severity": "HIGH"},
         "affected": [{"package": {"ecosystem": "NuGet", "name": "Newtonsoft.Json"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "13.0.1"}]}]}]}
        """);

    private static string Lock(string version) =>
        $$"""{ "version": 1, "dependencies": { "net10.0": { "Newtonsoft.Json": { "type": "Direct", "requested": "[{{version}}, )", "resolved": "{{version}}" } } } }""";

    // Built at run time so that this repository holds no literal key for a scanner to flag.
    private static string AwsKeyId() => "AK" + "IA" + "Q7ZT3XK2VB6N4MWR";

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_app, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        try { Directory.Delete(_app, recursive: true); } catch (IOException) { }
    }
}
