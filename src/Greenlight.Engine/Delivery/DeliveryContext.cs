using Greenlight.Core.Manifest;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Delivery;

/// <summary>What a release driver needs: its app's lanes and records, and the clock its windows, bakes and soaks run on.</summary>
/// <param name="Manifest">The release's own manifest snapshot.</param>
internal sealed record DeliveryContext(
    ManifestSnapshot Manifest,
    IReadOnlyDictionary<string, ReleaseController> Lanes,
    IStateStore Store,
    Pipeline.PipelineService Pipelines,
    TimeProvider Time,
    ILogger Logger)
{
    /// <summary>How often a bake or soak looks at each region: its new revision's process, live metrics and synthetic checks.</summary>
    public TimeSpan JudgeEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Told after each save of the release, so that whoever waits on it looks again at once.</summary>
    public Action Saved { get; init; } = () => { };

    public ReleaseController Lane(string environment, string region) =>
        Lanes.TryGetValue(Delivery.Lanes.Key(environment, region), out var lane) ? lane
            : throw new InvalidOperationException($"region {environment}/{region} has no edge in this controller: restart `greenlight up` to start one");
}
