using Greenlight.Core.Delivery;
using Greenlight.Core.Drift;
using Greenlight.Core.Tests.Delivery;
using static Greenlight.Core.Tests.Delivery.DeliveryManifests;

namespace Greenlight.Core.Tests.Drift;

/// <summary>A region serving what never passed the environment before its own: started by hand, outside a release.</summary>
public sealed class PromotionDriftTests
{
    private const string Digest = ReleaseRun.Digest;
    private static readonly string[] Environments = ["staging", "production"];
    private static readonly DateTimeOffset Now = ReleaseRun.Monday10Berlin.AddDays(1);

    private static DriftFinding? InEuWest(string revision, string digest, params Release[] history) =>
        PromotionDrift.Check("shop", Environments, "production", "eu-west", revision, digest, history, Now);

    [Fact]
    public void Check_VersionThatNeverRanInStaging_IsFoundNamingRegionVersionDigestAndStaging_AndIsNotRepaired()
    {
        var finding = InEuWest("2.0", Digest)!;

        Assert.Equal(DriftKind.UnpromotedVersion, finding.Kind);
        Assert.Equal("2.0", finding.Revision);
        Assert.Equal("production/eu-west serving a version and manifest that passed staging", finding.Expected);
        Assert.Equal("2.0@0123456 serving: 2.0 with manifest 0123456789ab has not passed staging", finding.Found);
        Assert.Equal("not repaired (a drift check never rolls back): roll production/eu-west back, or release 2.0 through staging", finding.Repair);
        Assert.False(finding.Healed);
        Assert.Equal(Now, finding.Since);
        Assert.Equal("revision 2.0 serves without having passed the environment before", finding.Subject);
    }

    [Fact]
    public void Check_VersionAndManifestThatPassedStaging_NoDrift() => Assert.Null(InEuWest("2.0", Digest, ReleaseRun.PassedStaging()));

    [Fact]
    public void Check_HotfixThatPassedStagingWithItsShorterSoak_NoDrift() => Assert.Null(InEuWest("2.0", Digest, ReleaseRun.PassedStaging(hotfix: true)));

    [Fact]
    public void Check_ConfigReleaseRevisionOfAPassedVersionAndManifest_IsJudgedByItsVersion_NoDrift() =>
        Assert.Null(InEuWest("2.0@0123456", Digest, ReleaseRun.PassedStaging()));

    [Fact]
    public void Check_SameVersionWithAManifestThatNeverPassedStaging_IsDrift() =>
        Assert.StartsWith("2.0@fedcba9 serving: 2.0 with manifest fedcba987654 has not passed staging",
            InEuWest("2.0", "sha256:fedcba9876543210", ReleaseRun.PassedStaging())!.Found);

    [Fact]
    public void Check_VersionStillSoakingInStaging_IsDriftSayingUntilWhen()
    {
        var run = new ReleaseRun(StagingThenProduction()).Start();
        run.Completed("staging", "local");

        Assert.EndsWith("has not passed staging; in release r1 staging is Soaking until 2026-03-02 09:02:00Z", InEuWest("2.0", Digest, run.State)!.Found);
    }

    [Fact]
    public void Check_ReleaseOfAnotherApp_DoesNotCount() =>
        Assert.NotNull(PromotionDrift.Check("cart", Environments, "production", "eu-west", "2.0", Digest, [ReleaseRun.PassedStaging()], Now));

    [Theory]
    [InlineData("staging")]
    [InlineData("qa")]
    public void Check_FirstEnvironmentOrOneTheManifestDoesNotHave_IsNeverThisDrift(string environment) =>
        Assert.Null(PromotionDrift.Check("shop", Environments, environment, "local", "2.0", Digest, [], Now));
}
