using Greenlight.Core.Delivery;
using static Greenlight.Core.Tests.Delivery.DeliveryManifests;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>`deploy --env E` of a version: refused unless this version and manifest passed the environment before E.</summary>
public sealed class PromotionTests
{
    private const string Digest = ReleaseRun.Digest;

    [Fact]
    public void CanEnter_FirstEnvironment_IsAllowedWithoutHistory()
    {
        var check = Promotion.CanEnter(StagingThenProduction(), Digest, "2.0", "staging", []);

        Assert.True(check.Allowed);
        Assert.Equal("staging is the first environment", check.Reason);
    }

    [Fact]
    public void CanEnter_VersionThatNeverRanInThePreviousEnvironment_IsRefused()
    {
        var check = Promotion.CanEnter(StagingThenProduction(), Digest, "2.0", "production", []);

        Assert.False(check.Allowed);
        Assert.Equal(
            "a version that did not pass the previous environment cannot be released into the next one: 2.0 with manifest 0123456789ab has not passed staging",
            check.Reason);
    }

    [Fact]
    public void CanEnter_VersionStillSoakingInThePreviousEnvironment_IsRefusedSayingUntilWhen()
    {
        var run = new ReleaseRun(StagingThenProduction()).Start();
        run.Completed("staging", "local");

        var check = Promotion.CanEnter(StagingThenProduction(), Digest, "2.0", "production", [run.State]);

        Assert.False(check.Allowed);
        Assert.EndsWith("has not passed staging; in release r1 staging is Soaking until 2026-03-02 09:02:00Z", check.Reason);
    }

    [Fact]
    public void CanEnter_VersionThatPassedThePreviousEnvironment_IsAllowedNamingTheRelease()
    {
        var check = Promotion.CanEnter(StagingThenProduction(), Digest, "2.0", "production", [ReleaseRun.PassedStaging()]);

        Assert.True(check.Allowed);
        Assert.Equal("r1", check.PassedIn);
        Assert.Equal("2.0 with manifest 0123456789ab passed staging in release r1", check.Reason);
    }

    [Fact]
    public void CanEnter_HotfixThatPassedWithTheHotfixSoak_IsAllowed() =>
        Assert.True(Promotion.CanEnter(StagingThenProduction(), Digest, "2.0", "production", [ReleaseRun.PassedStaging(hotfix: true)]).Allowed);

    [Theory]
    [InlineData("2.1", Digest)]
    [InlineData("2.0", "sha256:fedcba9876543210")]
    public void CanEnter_OtherVersionOrOtherManifestPassed_IsRefused(string version, string digest) =>
        Assert.False(Promotion.CanEnter(StagingThenProduction(), digest, version, "production", [ReleaseRun.PassedStaging()]).Allowed);

    [Fact]
    public void CanEnter_ReleaseAbortedAfterPassing_NoLongerCounts()
    {
        var run = new ReleaseRun(StagingThenProduction()).Start();
        run.Completed("staging", "local");
        run.Tick(TimeSpan.FromMinutes(2));
        run.Send(new ReleaseObservation.AbortRequested("customers report broken carts"));

        Assert.False(Promotion.CanEnter(StagingThenProduction(), Digest, "2.0", "production", [run.State]).Allowed);
    }

    [Fact]
    public void CanEnter_UnknownEnvironment_IsRefusedListingTheManifestsEnvironments() =>
        Assert.Equal(
            "no environment \"prod\" in the manifest of shop; it has staging, production",
            Promotion.CanEnter(StagingThenProduction(), Digest, "2.0", "prod", []).Reason);
}
