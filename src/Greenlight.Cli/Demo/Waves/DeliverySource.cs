using Greenlight.Cli.Client;
using Greenlight.Core.Delivery;
using Greenlight.Engine.Delivery;
using Greenlight.Engine.State;

namespace Greenlight.Cli.Demo.Waves;

/// <summary>Reads releases straight from an in-process delivery path, so the demo prints what `deploy` would.</summary>
internal sealed class DeliverySource(AppDelivery delivery) : IReleaseSource
{
    public async Task<Release> GetReleaseAsync(string id, CancellationToken ct) => (await delivery.GetAsync(id, ct))!;

    // A release's log is kept in the store every lane shares.
    public Task<IReadOnlyList<RolloutEvent>> ReleaseEventsAsync(string id, long afterId, CancellationToken ct) =>
        delivery.Lanes.Values.First().GetEventsAsync(id, afterId, ct);
}
