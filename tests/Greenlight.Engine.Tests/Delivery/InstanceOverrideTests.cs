using Greenlight.Core.Delivery;
using Greenlight.Engine.Delivery;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Delivery;

/// <summary>An environment's <c>overrides.run.instances</c>: one release runs as many processes as each environment says.</summary>
public sealed class InstanceOverrideTests
{
    [Fact]
    public async Task Release_WithInstanceOverrides_RunsOneProcessInStagingAndTwoInProduction()
    {
        await using var h = await DeliveryHarness.StartAsync("""
            environments:
              - name: staging
                regions: [{name: local, edge: {listen: {listen}}}]
                overrides: { run: { instances: 1 } }
              - name: production
                promotion: manual
                regions: [{name: one-box, edge: {listen: {listen}}}]
                overrides: { run: { instances: 2 } }
            """);

        var staged = await h.ReleaseAsync("1.0", until: r => r.StageOf("production")!.Phase == StagePhase.AwaitingPromotion);
        await h.Delivery.PromoteAsync(staged.Id, "production", "checked by hand", h.Cancellation);
        Assert.Equal(ReleasePhase.Completed, (await h.Delivery.WaitAsync(staged.Id, r => r.IsTerminal, h.Cancellation)).Phase);

        var staging = await h.Delivery.Lanes[Lanes.Key("staging", "local")].StatusAsync(h.Cancellation);
        var production = await h.Delivery.Lanes[Lanes.Key("production", "one-box")].StatusAsync(h.Cancellation);
        Assert.Single(staging.Revisions, r => r is { Version: "1.0", Running: true });
        Assert.Single(Assert.Single(staging.Route).Addresses);
        Assert.Equal([0, 1], production.Revisions.Where(r => r is { Version: "1.0", Running: true }).Select(r => r.Instance).Order());
        Assert.Equal(2, Assert.Single(production.Route).Addresses.Count);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
    }
}
