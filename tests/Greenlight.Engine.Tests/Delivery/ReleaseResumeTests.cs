using Greenlight.Core.Delivery;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Delivery;

/// <summary>A controller killed while a release starts a region's rollout: the next controller, on the same state, ends
/// the release as it would have ended, with one rollout in the region, never a second one and never a rollback.</summary>
public sealed class ReleaseResumeTests
{
    private const string StagingThenProduction = """
        environments:
          - name: staging
            regions: [{name: local, edge: {listen: {listen}}}]
          - name: production
            promotion: manual
            regions: [{name: one-box, edge: {listen: {listen}}}]
        """;

    private const string OneBox = "production/one-box";

    [Fact]
    public async Task Release_KilledAfterRecordingTheRegionsRolloutBeforeTheLaneGotIt_StartsThatRolloutOnceAndCompletes()
    {
        await using var h = await DeliveryHarness.StartAsync(StagingThenProduction);
        var waiting = await h.ReleaseAsync("1.0", until: r => r.StageOf("production")!.Phase == StagePhase.AwaitingPromotion);
        var recorded = ReleaseController.NewRolloutId();

        // The state a controller killed at that instant leaves: the promotion decided and saved with the rollout's id,
        // and no rollout in the region's lane.
        await h.RestartControllerAsync(async () =>
        {
            var store = StateStores.OpenSqlite(h.Workspace, TimeProvider.System);
            var release = (await store.GetReleaseAsync(waiting.Id, h.Cancellation))!;
            var promoted = ReleaseMachine.Decide(release, new ReleaseObservation.PromoteRequested("production", "checked"), DateTimeOffset.UtcNow);
            Assert.Contains(new ReleaseEffect.StartRollout("production", "one-box"), promoted.Effects);
            await store.SaveReleaseAsync(promoted.State with { Rollouts = new Dictionary<string, string>(release.Rollouts) { [OneBox] = recorded } },
                [.. promoted.Log, $"{OneBox}: rollout {recorded} of 1.0 requested"], h.Cancellation);
        });

        var resumed = await h.Delivery.WaitAsync(waiting.Id, r => r.IsTerminal, h.Cancellation);
        Assert.Equal(ReleasePhase.Completed, resumed.Phase);
        Assert.Equal(recorded, resumed.Rollouts[OneBox]);
        Assert.Equal([recorded], await RolloutsOfAsync(h, "1.0"));
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
    }

    [Fact]
    public async Task Release_KilledOnceTheLaneHasTheRegionsRollout_FollowsThatRolloutAndCompletes()
    {
        await using var h = await DeliveryHarness.StartAsync(StagingThenProduction);
        var waiting = await h.ReleaseAsync("1.0", until: r => r.StageOf("production")!.Phase == StagePhase.AwaitingPromotion);
        await h.Delivery.PromoteAsync(waiting.Id, "production", "checked", h.Cancellation);
        while ((await RolloutsOfAsync(h, "1.0")).Count == 0)
            await Task.Delay(10, h.Cancellation);

        await h.RestartControllerAsync();

        var resumed = await h.Delivery.WaitAsync(waiting.Id, r => r.IsTerminal, h.Cancellation);
        Assert.Equal(ReleasePhase.Completed, resumed.Phase);
        Assert.Equal([resumed.Rollouts[OneBox]], await RolloutsOfAsync(h, "1.0"));
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
    }

    private static async Task<IReadOnlyList<string>> RolloutsOfAsync(DeliveryHarness h, string version) =>
        [.. (await h.Delivery.Lanes[OneBox].HistoryAsync(100, h.Cancellation)).Where(r => r.Version == version).Select(r => r.Id)];
}
