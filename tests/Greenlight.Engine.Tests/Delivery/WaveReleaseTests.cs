using Greenlight.Core.Delivery;
using Greenlight.Core.Targets;
using Greenlight.Engine.Control;
using Greenlight.Engine.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Engine.Tests.Delivery;

/// <summary>Releases through environments and waves of regions, each region with its own real edge and real revisions.</summary>
public sealed class WaveReleaseTests
{
    private const string ThreeWaves = """
        environments:
          - name: production
            regions:
              - {name: one-box, edge: {listen: {listen}}}
              - {name: eu-west, edge: {listen: {listen}}}
              - {name: us-east, edge: {listen: {listen}}}
            waves: [[one-box], [eu-west], [us-east]]
        """;

    [Fact]
    public async Task Release_FailingInWave2_RollsBackWave1AndNeverStartsWave3()
    {
        await using var h = await DeliveryHarness.StartAsync(ThreeWaves, real => new FailingIn(real, ".eu-west", "2.0"));
        Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);

        var release = await h.ReleaseAsync("2.0");

        Assert.Equal(ReleasePhase.RolledBack, release.Phase);
        var stage = release.StageOf("production")!;
        Assert.Equal(RegionPhase.Pending, stage.Regions.Single(r => r.Name == "us-east").Phase);
        Assert.DoesNotContain("production/us-east", release.Rollouts.Keys);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
        Assert.Equal("1.0", await h.VersionAtAsync("production", "eu-west"));
        Assert.Equal("1.0", await h.VersionAtAsync("production", "us-east"));
    }

    [Fact]
    public async Task Release_IntoProductionOfAVersionNotPassedInStaging_IsRefused_AndPromotedOnceItPassed()
    {
        await using var h = await DeliveryHarness.StartAsync("""
            environments:
              - name: staging
                regions: [{name: local, edge: {listen: {listen}}}]
              - name: production
                promotion: manual
                regions: [{name: one-box, edge: {listen: {listen}}}]
            """);

        var refused = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.ReleaseAsync("1.0", "production"));
        Assert.Contains("has not passed staging", refused.Message);

        var staged = await h.ReleaseAsync("1.0", until: r => r.StageOf("production")!.Phase == StagePhase.AwaitingPromotion);
        Assert.Equal(StagePhase.Passed, staged.StageOf("staging")!.Phase);
        Assert.Equal("1.0", await h.VersionAtAsync("staging", "local"));
        await h.Delivery.PromoteAsync(staged.Id, "production", "checked by hand", h.Cancellation);
        Assert.Equal(ReleasePhase.Completed, (await h.Delivery.WaitAsync(staged.Id, r => r.IsTerminal, h.Cancellation)).Phase);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));

        var skipping = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.ReleaseAsync("2.0", "production"));
        Assert.Contains("2.0", skipping.Message);
    }

    [Fact]
    public async Task Release_ControllerStoppedBetweenTwoWaves_IsResumedByTheNextOneAndEndsAsItWould()
    {
        await using var h = await DeliveryHarness.StartAsync("""
            environments:
              - name: production
                bake: 3s
                regions:
                  - {name: one-box, edge: {listen: {listen}}}
                  - {name: eu-west, edge: {listen: {listen}}}
                waves: [[one-box], [eu-west]]
            """);
        var baking = await h.ReleaseAsync("1.0", until: r => r.StageOf("production")!.Phase == StagePhase.Baking);

        await h.RestartControllerAsync();

        var release = await h.Delivery.WaitAsync(baking.Id, r => r.IsTerminal, h.Cancellation);
        Assert.Equal(ReleasePhase.Completed, release.Phase);
        Assert.Equal(["production/eu-west", "production/one-box"], release.Rollouts.Keys.Order());
        Assert.Equal("1.0", await h.VersionAtAsync("production", "eu-west"));
        var events = await h.Delivery.Lanes.Values.First().GetEventsAsync(release.Id, 0, h.Cancellation);
        Assert.Contains(events, e => e.Message == "controller resumed the release");
    }

    [Fact]
    public async Task Release_OutsideItsWindow_WaitsSayingUntilWhen_AndStartsWhenTheWindowOpens()
    {
        var clock = new Checks.ManualTimeProvider(); // Thursday 1970-01-01 00:00 UTC
        await using var h = await DeliveryHarness.StartAsync("""
            environments:
              - name: production
                window: {days: [fri], hours: "09:00-10:00", timeZone: UTC}
                regions: [{name: one-box, edge: {listen: {listen}}}]
            """, deliveryTime: clock);

        var waiting = await h.ReleaseAsync("1.0", until: r => r.StageOf("production")!.Phase == StagePhase.Waiting);
        Assert.Equal(DateTimeOffset.Parse("1970-01-02T09:00:00Z"), waiting.StageOf("production")!.Until);
        Assert.Empty(waiting.Rollouts);

        clock.Advance(waiting.StageOf("production")!.Until!.Value - clock.GetUtcNow());
        // The driver may set its timer just as the clock moves; then it needs the clock to go on, a second at a time,
        // well inside the hour the window is open.
        for (var seconds = 0; seconds < 600 && (await h.Delivery.GetAsync(waiting.Id, h.Cancellation))!.StageOf("production")!.Phase == StagePhase.Waiting; seconds++)
        {
            await Task.Delay(50, h.Cancellation);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(ReleasePhase.Completed, (await h.Delivery.WaitAsync(waiting.Id, r => r.IsTerminal, h.Cancellation)).Phase);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
    }

    [Fact]
    public async Task Bake_RegressionAfterTheFlip_IsCaughtOnLiveErrorRatesAndRolledBack()
    {
        await using var h = await DeliveryHarness.StartAsync("""
            environments:
              - name: production
                bake: 0s
                regions: [{name: one-box, edge: {listen: {listen}}}]
            """);
        Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);
        using var load = new CancellationTokenSource();
        var traffic = h.LoadAsync("production", "one-box", load.Token);
        await h.WaitServedAsync("production", "one-box", "1.0", requests: 400);

        // 2.2 answers 5% of its requests with 500 (the shop's own release defaults); blue-green flips it to all traffic.
        var release = await h.ReleaseAsync("2.2", edit: text => text.Replace("bake: 0s", "bake: 2m"));
        await load.CancelAsync();
        await traffic;

        Assert.Equal(ReleasePhase.RolledBack, release.Phase);
        Assert.True(release.UpdatedAt - release.CreatedAt < TimeSpan.FromSeconds(60), $"caught {release.UpdatedAt - release.CreatedAt} after the release began, in a 2m bake");
        Assert.Contains("error rate of 2.2 since the bake began, against 1.0 before the flip", release.Reason);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
        // The region's own record says the release rolled it back, and why; no user asked.
        var region = await h.Delivery.Lanes["production/one-box"].GetRolloutAsync(release.Rollouts["production/one-box"], h.Cancellation);
        Assert.StartsWith($"release {release.Id}: production: bake of wave 1/1 failed", region!.Reason);
    }

    [Fact]
    public async Task Bake_SyntheticCheckFailingAfterTheFlip_FailsNamingRegionCheckAndAnswer_AndRollsBack()
    {
        // While this file is there, 2.0 answers every shopping request with 500 (samples/shop's Shop:FailFile).
        var broken = Path.Combine(Path.GetTempPath(), $"greenlight-broken-{Guid.NewGuid():N}");
        await using var h = await DeliveryHarness.StartAsync($$$"""
            checks:
              - name: shopper
                timeout: 10s
                steps:
                  - {name: home, path: /, expect: {bodyContains: Shop}}
            environments:
              - name: production
                bake: 0s
                overrides:
                  run: {env: {Shop__FailFile: "{{{broken}}}-${version}"}}
                regions:
                  - name: one-box
                    edge: {listen: {listen}}
            """);
        try
        {
            Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);
            var baking = await h.ReleaseAsync("2.0", until: r => r.StageOf("production")!.Phase == StagePhase.Baking,
                edit: text => text.Replace("bake: 0s", "bake: 2m"));

            File.WriteAllText($"{broken}-2.0", "");
            var release = await h.Delivery.WaitAsync(baking.Id, r => r.IsTerminal, h.Cancellation);

            Assert.Equal(ReleasePhase.RolledBack, release.Phase);
            Assert.Contains("bake of wave 1/1 failed: production/one-box: synthetic checks failed through the edge: shopper failed at step \"home\"", release.Reason);
            Assert.Contains("expected status 200, got 500", release.Reason);
            Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
        }
        finally
        {
            File.Delete($"{broken}-2.0");
        }
    }

    [Theory]
    [InlineData("bake", StagePhase.Baking, "bake of wave 1/1 failed")]
    [InlineData("soak", StagePhase.Soaking, "soak failed")]
    public async Task BakeAndSoak_FirstReleaseWhoseRevisionIsKilled_FailNamingTheRevision(string watch, StagePhase watching, string failed)
    {
        await using var h = await DeliveryHarness.StartAsync($$"""
            environments:
              - name: production
                {{watch}}: 2m
                regions:
                  - name: one-box
                    edge:
                      listen: {listen}
            """);
        var started = await h.ReleaseAsync("1.0", until: r => r.StageOf("production")!.Phase == watching);

        Assert.NotEqual(0, MarkedProcesses.KillAll("GREENLIGHT_APP", h.Delivery.Lanes["production/one-box"].App));
        var release = await h.Delivery.WaitAsync(started.Id, r => r.IsTerminal, h.Cancellation);

        // A first release has no previous revision to return to: the region cannot be rolled back, the release fails.
        Assert.Equal(ReleasePhase.Failed, release.Phase);
        // Killed before the watch found its process (the phase is published first), the revision is simply not running.
        Assert.Matches($@"{failed}: production/one-box: revision 1\.0 (\(pid \d+\) stopped running during the {watch}|is not running)", release.Reason);
    }

    [Fact]
    public async Task Bake_SlowerRevision_IsCaughtOnLiveLatencyAgainstThePreviousRevisionAndRolledBack()
    {
        // 2.3 takes 150 ms more per request (the shop's own release defaults), and makes no more errors.
        var (h, release) = await ReleaseUnderLoadAsync("2.3", bake: "2m");
        await using var _ = h;

        Assert.Equal(ReleasePhase.RolledBack, release.Phase);
        Assert.Contains("production/one-box: latency of 2.3 since the bake began, against 1.0 before the flip", release.Reason);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
    }

    [Fact]
    public async Task Bake_HealthyRevisionUnderLoad_IsJudgedOnErrorsAndLatencyAndCompletes()
    {
        // 2.0 behaves as 1.0 does: freshly started, it must not read as slower than 1.0 was before the flip.
        var (h, release) = await ReleaseUnderLoadAsync("2.0", bake: "15s");
        await using var _ = h;

        Assert.True(release.Phase == ReleasePhase.Completed, release.Reason);
        Assert.Equal("no failing verdict", release.StageOf("production")!.BakeVerdict);
        Assert.Equal("2.0", await h.VersionAtAsync("production", "one-box"));
    }

    /// <summary>1.0 serves a one-box region under load until the latency judge has enough of its requests (about 1,000
    /// for its p99), then <paramref name="version"/> is released with a bake of <paramref name="bake"/>, load going on.</summary>
    private static async Task<(DeliveryHarness, Release)> ReleaseUnderLoadAsync(string version, string bake)
    {
        // The bake compares 2.x after the flip with 1.0 before it, not side by side: on a machine shared with other test
        // processes the load changes in between, so the tail may be 25 ms slower before it counts (2.3 is 150 ms slower).
        var h = await DeliveryHarness.StartAsync("""
            analysis:
              metrics:
                - {name: error-rate, judge: errorRate}
                - {name: latency, judge: latency, options: {minSlowdownMs: 25}}
            environments:
              - name: production
                bake: 0s
                regions: [{name: one-box, edge: {listen: {listen}}}]
            """);
        try
        {
            Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);
            using var load = new CancellationTokenSource();
            var users = Enumerable.Range(0, 4).Select(_ => h.LoadAsync("production", "one-box", load.Token)).ToList();
            await h.WaitServedAsync("production", "one-box", "1.0", requests: 1200);
            var release = await h.ReleaseAsync(version, edit: text => text.Replace("bake: 0s", $"bake: {bake}"));
            await load.CancelAsync();
            await Task.WhenAll(users);
            return (h, release);
        }
        catch
        {
            await h.DisposeAsync(); // the revisions and edges of a test that failed here stop with it
            throw;
        }
    }

    /// <summary>The real target, except that one version fails to start in the lanes whose name ends with <paramref name="lane"/>.</summary>
    private sealed class FailingIn(IDeploymentTarget real, string lane, string version) : IDeploymentTarget
    {
        public string Name => real.Name;

        public Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken ct) =>
            spec.App.EndsWith(lane, StringComparison.Ordinal) && spec.Version == version
                ? throw new RevisionStartException($"{spec.Version} does not start in {spec.App} (planted by the test)")
                : real.StartAsync(spec, launched, ct);

        public bool IsRunning(RevisionHandle handle) => real.IsRunning(handle);

        public Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken ct) => real.StopAsync(handle, grace, ct);
    }
}
