using Greenlight.Core.Manifest;
using Greenlight.Engine.Control;

namespace Greenlight.Engine.Delivery;

public sealed partial class AppDelivery
{
    /// <summary>
    /// Starts a lane for each region of <paramref name="manifest"/> that has none yet: all of them when the delivery
    /// starts, then a region added to the manifest while the controller runs, when a release first brings it. The lane's
    /// router is the region's edge as <see cref="RegionRouters"/> gives it (under <c>greenlight up</c>, started then).
    /// Returns the lanes started.
    /// </summary>
    /// <param name="ct">Lives as long as the lanes: the controller's, not a request's.</param>
    public async Task<IReadOnlyList<ReleaseController>> AddRegionsAsync(AppManifest manifest, CancellationToken ct)
    {
        var added = new List<ReleaseController>();
        foreach (var (environment, region, _) in Delivery.Lanes.Regions(manifest))
        {
            var key = Delivery.Lanes.Key(environment, region);
            if (_lanes.ContainsKey(key))
                continue;
            var lane = new ReleaseController(_options with
            {
                Manifest = Delivery.Lanes.View(manifest, environment, region),
                Router = _routers(environment, region),
                Project = m => Delivery.Lanes.View(m, environment, region),
            });
            try
            {
                await lane.StartAsync(ct);
            }
            catch
            {
                await lane.DisposeAsync(); // the next release that brings the region tries again
                throw;
            }
            _lanes[key] = lane;
            added.Add(lane);
        }
        return added;
    }
}
