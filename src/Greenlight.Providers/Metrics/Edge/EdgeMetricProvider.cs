using Greenlight.Core.Analysis;
using Greenlight.Core.Traffic;

namespace Greenlight.Providers.Metrics.Edge;

/// <summary>
/// The <c>edge</c> provider: the traffic router's own per-revision counters. Errors are what the
/// client saw fail: 5xx answered by the revision plus requests that never got a full answer.
/// </summary>
internal sealed class EdgeMetricProvider(ITrafficRouter router) : IMetricProvider
{
    public string Name => "edge";

    public Task<RevisionSample> MeasureAsync(string app, string revision, CancellationToken cancellationToken) =>
        BoundedCall.RunAsync($"edge ({router.Name} router)", async ct =>
        {
            var traffic = await router.GetTrafficAsync(app, ct);
            if (!traffic.TryGetValue(revision, out var counters))
            {
                var routed = traffic.Count == 0 ? "no revision" : string.Join(", ", traffic.Keys.Order(StringComparer.Ordinal));
                throw new InvalidDataException($"revision {revision} of {app} is not routed by the edge (it routes {routed})");
            }

            return RevisionSample.Of(counters);
        }, cancellationToken);
}
