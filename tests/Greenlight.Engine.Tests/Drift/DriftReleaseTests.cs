using Greenlight.Testing;
using System.Diagnostics;
using Greenlight.Core.Drift;
using Greenlight.Core.Manifest;
using Greenlight.Core.Traffic;
using Greenlight.Engine.Control;
using Greenlight.Engine.Drift;
using Greenlight.Engine.State;
using Greenlight.Engine.Tests.Support;
using Greenlight.Providers.Traffic.Edge;

namespace Greenlight.Engine.Tests.Drift;

/// <summary>Drift of real releases: real shop processes, the real edge, files on disk, changed behind the controller's back.</summary>
public sealed class DriftReleaseTests : IDisposable
{
    private const string Planted = "planted-7f3c9a1e-value";

    // The revisions' working directory: its files are what drift hashes.
    private readonly string _app = Directory.CreateTempSubdirectory("greenlight-drift-app-").FullName;

    public DriftReleaseTests() => File.WriteAllText(Path.Combine(_app, "config.txt"), "mode=fast\n");

    private Task<ReleaseHarness> StartAsync(ReconcileMode reconcile) => ReleaseHarness.StartAsync(m => m with
    {
        Run = m.Run with { WorkingDirectory = _app, Environment = new Dictionary<string, string>(m.Run.Environment) { ["DRIFT_PLANTED"] = Planted } },
        Reconcile = reconcile,
    });

    [Fact]
    public async Task CleanRelease_NothingIsReported_AndNoValueOfItsEnvironmentIsRecorded()
    {
        await using var h = await StartAsync(ReconcileMode.Off);
        await h.DeployAsync("1.0");
        await h.DeployAsync("2.0");

        var report = await h.Controller.DriftAsync(h.Cancellation);

        Assert.Empty(report.Findings);
        Assert.Empty(report.Unchecked);
        Assert.False(report.Drifted);
        Assert.Empty((await h.Controller.StatusAsync(h.Cancellation)).Drift);
        // Names with keyed hashes, never a value: not in the fingerprint, nowhere in the state.
        var fingerprint = (await Store(h).GetFingerprintAsync(h.Manifest.App, "2.0", h.Cancellation))!;
        Assert.Matches("^[0-9a-f]{32}$", fingerprint.Environment["DRIFT_PLANTED"]);
        Assert.Contains("config.txt", fingerprint.Files.Files.Keys);
        Assert.DoesNotContain(StoredFiles.Readable(h.Workspace),
            file => File.ReadAllText(file).Contains(Planted, StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(h.Workspace, "drift.key")));
    }

    [Fact]
    public async Task ServingRevisionKilled_IsReportedOnce_StartedAgain_AndTheFindingClears()
    {
        await using var h = await StartAsync(ReconcileMode.Auto);
        await h.DeployAsync("1.0");
        var killed = await KillAsync(h, "1.0");

        // The watcher sees the death within a look and has the check run at once: no 30 s wait.
        await WaitUntilAsync(h, async () => (await EventsAsync(h)).Any(e => e.StartsWith("drift: revision 1.0 is not running", StringComparison.Ordinal)));
        await WaitUntilAsync(h, async () => (await h.Controller.DriftAsync(h.Cancellation)).Findings.Count == 0);

        Assert.Equal("1.0", await h.NextVersionAsync());
        Assert.DoesNotContain(killed, h.RunningRevisions());
        var events = await EventsAsync(h);
        Assert.Single(events, e => e.StartsWith("drift: revision 1.0 is not running", StringComparison.Ordinal));
        Assert.Single(events, e => e.StartsWith("drift over: revision 1.0 is not running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RouteChangedThroughTheEdgeAdminApi_IsReportedAndPutBack()
    {
        await using var h = await StartAsync(ReconcileMode.Auto);
        await h.DeployAsync("1.0");
        await h.DeployAsync("2.0");
        var revisions = (await h.Controller.StatusAsync(h.Cancellation)).Revisions;
        var edge = new EdgeConnection(h.Edge.AdminAddress, h.Edge.Token, Environment.ProcessId).CreateRouter();
        var route = (await edge.GetAsync(h.Manifest.App, h.Cancellation))!;
        // Someone sends all traffic back to the old version by hand.
        await edge.ApplyAsync(route with
        {
            Backends = [.. revisions.Where(r => r.Running).Select(r => new RouteBackend(r.Version, new Uri($"http://127.0.0.1:{r.Port}/"), r.Version == "1.0" ? 100 : 0))],
        }, h.Cancellation);
        Assert.Equal("1.0", await h.NextVersionAsync());

        await h.Controller.DriftAsync(h.Cancellation);

        Assert.Equal("2.0", await h.NextVersionAsync());
        var found = Assert.Single(await EventsAsync(h), e => e.StartsWith("drift: the edge's route changed", StringComparison.Ordinal));
        Assert.Matches(@"expected 2\.0 127\.0\.0\.1:\d+ 100%, 1\.0 127\.0\.0\.1:\d+ 0% \(route [0-9a-f]{7}\), found 1\.0 127\.0\.0\.1:\d+ 100%, 2\.0 127\.0\.0\.1:\d+ 0%", found);
        Assert.Contains("route put back (reconcile: auto)", found);
        Assert.Empty((await h.Controller.DriftAsync(h.Cancellation)).Findings);
    }

    [Fact]
    public async Task FileChangedInTheWorkingDirectory_IsReportedOnceAndLeftAsItIs()
    {
        await using var h = await StartAsync(ReconcileMode.Auto);
        await h.DeployAsync("1.0");
        var pid = (await h.Controller.StatusAsync(h.Cancellation)).Revisions.Single(r => r.Running).Pid;

        await File.WriteAllTextAsync(Path.Combine(_app, "config.txt"), "mode=edited-by-hand\n", h.Cancellation);
        var report = await h.Controller.DriftAsync(h.Cancellation);
        await h.Controller.DriftAsync(h.Cancellation);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((DriftKind.FilesChanged, "1.0"), (finding.Kind, finding.Revision));
        Assert.Matches(@"^files [0-9a-f]{7}: changed config\.txt$", finding.Found);
        Assert.Null(finding.Repair);
        Assert.True(report.Drifted);
        Assert.Equal("mode=edited-by-hand\n", await File.ReadAllTextAsync(Path.Combine(_app, "config.txt"), h.Cancellation));
        Assert.Equal(pid, (await h.Controller.StatusAsync(h.Cancellation)).Revisions.Single(r => r.Running).Pid);
        Assert.Single(await EventsAsync(h), e => e.StartsWith("drift: files of revision 1.0 changed on disk", StringComparison.Ordinal));
        Assert.Equal(finding, Assert.Single((await h.Controller.StatusAsync(h.Cancellation)).Drift));
    }

    private static IStateStore Store(ReleaseHarness h) => new SqliteStateStore(Path.Combine(h.Workspace, "state.db"), TimeProvider.System);

    /// <summary>Every event of every release of the app, oldest release first.</summary>
    private static async Task<List<string>> EventsAsync(ReleaseHarness h)
    {
        var events = new List<string>();
        foreach (var rollout in (await h.Controller.HistoryAsync(50, h.Cancellation)).Reverse())
            events.AddRange((await h.Controller.GetEventsAsync(rollout.Id, 0, h.Cancellation)).Select(e => e.Message));
        return events;
    }

    /// <summary>SIGKILLs the revision's process, as the OOM killer would; returns its pid.</summary>
    private static async Task<int> KillAsync(ReleaseHarness h, string version)
    {
        var pid = (await h.Controller.StatusAsync(h.Cancellation)).Revisions.Single(r => r.Version == version && r.Running).Pid;
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync(h.Cancellation);
        return pid;
    }

    private static async Task WaitUntilAsync(ReleaseHarness h, Func<Task<bool>> condition)
    {
        while (!await condition())
            await Task.Delay(TimeSpan.FromMilliseconds(50), h.Cancellation);
    }

    public void Dispose() => Directory.Delete(_app, recursive: true);
}
