using Greenlight.Core.Drift;
using Greenlight.Engine.Delivery;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Drift;

internal sealed partial class DriftCheck
{
    /// <summary>As many of the app's releases as a deploy into an environment looks through (the newest).</summary>
    private const int ReleaseHistory = 500;

    /// <summary>
    /// A region of an environment after the first must serve what passed the environment before, as a release must to enter
    /// it: anything started in the lane directly, outside a release, is found here. The lane's id names app, environment and
    /// region; the environments' order is that of the manifest the serving revision was released with.
    /// </summary>
    private async Task ComparePromotionAsync(RevisionRecord serving, DateTimeOffset now, CancellationToken ct)
    {
        if (Lanes.Parse(ctx.App) is not ({ } app, { } environment, { } region))
            return;
        var environments = ctx.ManifestOf(serving).Environments.Select(e => e.Name).ToList();
        if (environments.IndexOf(environment) < 1)
            return;
        if (serving.ManifestDigest is not { } digest)
        {
            _unchecked.Add($"the promotion of {serving.Version}: it has no manifest digest on record (started before releases carried their manifest)");
            _uncheckedKinds.Add(DriftKind.UnpromotedVersion);
            return;
        }
        var history = await ctx.Store.ListReleasesAsync(app, ReleaseHistory, unfinishedOnly: false, ct);
        if (PromotionDrift.Check(app, environments, environment, region, serving.Version, digest, history, now) is { } unpromoted)
            _findings.Add(unpromoted);
    }
}
