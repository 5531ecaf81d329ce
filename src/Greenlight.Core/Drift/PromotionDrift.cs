using Greenlight.Core.Delivery;
using Greenlight.Core.Rollouts;

namespace Greenlight.Core.Drift;

/// <summary>
/// Drift between environments: a region serving what never passed the environment before its own, judged as promotion
/// judges a release (<see cref="Promotion.CanEnter(string, IReadOnlyList{string}, string, string, string, IEnumerable{Release})"/>):
/// a release with this version and manifest digest whose stage there passed, a hotfix's included.
/// </summary>
public static class PromotionDrift
{
    /// <param name="environments">The app's environments in promotion order, from the manifest the revision was released with.</param>
    /// <param name="revision">The revision the region serves: <c>version</c> or <c>version@digest7</c>.</param>
    /// <param name="history">The app's releases.</param>
    /// <returns>Null when it passed, or when the environment is the first (or not one of <paramref name="environments"/>).</returns>
    public static DriftFinding? Check(string app, IReadOnlyList<string> environments, string environment, string region,
        string revision, string manifestDigest, IEnumerable<Release> history, DateTimeOffset at)
    {
        var version = RevisionNames.VersionOf(revision);
        if (Promotion.CanEnter(app, environments, manifestDigest, version, environment, history).NotPassed is not ({ } previous, { } found))
            return null;
        var served = RevisionNames.ForConfigRelease(version, manifestDigest[(manifestDigest.LastIndexOf(':') + 1)..]);
        return new(DriftKind.UnpromotedVersion, revision, $"{environment}/{region} serving a version and manifest that passed {previous}",
            $"{served} serving: {found}", at)
        {
            Repair = $"not repaired (a drift check never rolls back): roll {environment}/{region} back, or release {version} through {previous}",
        };
    }
}
