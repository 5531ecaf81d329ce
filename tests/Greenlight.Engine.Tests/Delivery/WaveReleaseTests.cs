using Greenlight.Core.Delivery;
using Greenlight.Core.Targets;
using Greenlight.Engine.Control;
using Greenlight.Engine.Tests.Support;

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
