using Greenlight.Core.Drift;
using Greenlight.Core.Notifications;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Tests.Notifications;

/// <summary>Drift is told once when first found, with the drift record that notes it, to the app's channels.</summary>
public sealed class DriftNoticeTests
{
    [Fact]
    public async Task DriftFoundInALane_IsToldOnceWhileItLasts_ToTheChannelsOfItsEnvironment()
    {
        await using var o = await Outbox.StartAsync();
        o.StartDispatcher();
        var died = new DriftFinding(DriftKind.RevisionDied, "shop-2.0", "running (pid 4242)", "no process", o.Time.GetUtcNow());

        await o.Store.SaveDriftAsync("shop.production.eu-west", [died], CancellationToken.None);
        await o.Store.SaveDriftAsync("shop.production.eu-west", [died], CancellationToken.None);
        o.Dispatcher.Wake();

        var hook = Assert.Single(await o.Hook.WaitAsync(a => a.Count == 1));
        Assert.Equal("drift.detected", hook.Type);
        Assert.True(hook.SignatureIsValid(Outbox.Whsec));
        Assert.Contains("\"summary\":\"shop: drift in production/eu-west: revision shop-2.0 is not running: expected running (pid 4242), found no process\"", hook.Body);
        Assert.Single(await o.Slack.WaitAsync(a => a.Count == 1));
        var delivered = await o.UntilAsync(d => d.Count == 2 && d.All(x => x.Status == DeliveryStatus.Sent));
        Assert.All(delivered, d => Assert.Equal(NotificationKind.DriftDetected, d.Notice.Kind)); // the Teams channel takes no drift
    }
}
