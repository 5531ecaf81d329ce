using Greenlight.Core.Delivery;
using Greenlight.Core.Drift;
using Greenlight.Engine.Control;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Drift;

/// <summary>Drift between environments, with real edges and real revisions: production serving what never passed staging.</summary>
public sealed class UnpromotedVersionTests
{
    // reconcile: auto, to show that even then a drift check never rolls production back.
    private const string StagingThenProduction = """
        reconcile: auto
        environments:
          - name: staging
            regions: [{name: local, edge: {listen: {listen}}}]
          - name: production
            regions:
              - {name: one-box, edge: {listen: {listen}}}
              - {name: eu-west, edge: {listen: {listen}}}
            waves: [[one-box], [eu-west]]
        """;

    [Fact]
    public async Task VersionStartedInAProductionRegionOutsideARelease_IsReportedNotRepaired_WhileOnePromotedThroughStagingIsNot()
    {
        await using var h = await DeliveryHarness.StartAsync(StagingThenProduction);
        Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);
        foreach (var lane in h.Delivery.Lanes.Values)
            Assert.DoesNotContain((await lane.DriftAsync(h.Cancellation)).Findings, f => f.Kind == DriftKind.UnpromotedVersion);

        // By hand, straight into the region's lane: no release, no staging.
        var euWest = h.Delivery.Lanes["production/eu-west"];
        var byHand = await euWest.DeployAsync(new DeployRequest("2.0", Manifest: h.Snapshot), h.Cancellation);
        Assert.Equal(RolloutPhase.Warm, (await euWest.WaitAsync(byHand.Id, r => r.IsSettled, h.Cancellation)).Phase);
        Assert.Equal("2.0", await h.VersionAtAsync("production", "eu-west"));

        var report = await euWest.DriftAsync(h.Cancellation);

        Assert.Equal($"{h.App}.production.eu-west", report.App);
        Assert.True(report.Drifted);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(DriftKind.UnpromotedVersion, finding.Kind);
        Assert.Equal("2.0", finding.Revision);
        Assert.Equal("production/eu-west serving a version and manifest that passed staging", finding.Expected);
        var digest = h.Snapshot.Digest;
        Assert.Equal($"2.0@{digest[..7]} serving: 2.0 with manifest {digest[..12]} has not passed staging", finding.Found);
        Assert.StartsWith("not repaired", finding.Repair);
        Assert.False(finding.Healed);
        Assert.Equal("2.0", await h.VersionAtAsync("production", "eu-west"));
        Assert.Contains(finding, (await euWest.StatusAsync(h.Cancellation)).Drift);
        Assert.Contains(await EventsAsync(euWest, h), e => e.StartsWith("drift: revision 2.0 serves without having passed the environment before", StringComparison.Ordinal));
        Assert.DoesNotContain((await h.Delivery.Lanes["production/one-box"].DriftAsync(h.Cancellation)).Findings, f => f.Kind == DriftKind.UnpromotedVersion);
        Assert.Empty((await h.Delivery.Lanes["staging/local"].DriftAsync(h.Cancellation)).Findings);

        // Rolled back, as the finding says: the region serves what passed staging again and the drift is over.
        await euWest.RollbackAsync(h.Cancellation);
        await euWest.WaitAsync(byHand.Id, r => r.IsTerminal, h.Cancellation);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "eu-west"));
        Assert.Empty((await euWest.DriftAsync(h.Cancellation)).Findings);
        var over = Assert.Single(await EventsAsync(euWest, h), e => e.StartsWith("drift over: revision 2.0", StringComparison.Ordinal));
        Assert.DoesNotContain("not repaired", over);
    }

    [Fact]
    public async Task VersionPromotedThroughStaging_IsNotReportedInProduction()
    {
        await using var h = await DeliveryHarness.StartAsync(StagingThenProduction);
        Assert.Equal(ReleasePhase.Completed, (await h.ReleaseAsync("1.0")).Phase);

        var release = await h.ReleaseAsync("2.0", edit: yaml => yaml.Replace("timeout: 10s", "timeout: 11s"));

        Assert.Equal(ReleasePhase.Completed, release.Phase);
        Assert.Equal("2.0", await h.VersionAtAsync("production", "eu-west"));
        foreach (var (key, lane) in h.Delivery.Lanes)
        {
            var report = await lane.DriftAsync(h.Cancellation);
            Assert.False(report.Drifted, $"{key}: {string.Join("; ", report.Findings.Select(f => f.Describe()))}");
            Assert.Empty(report.Unchecked);
        }
    }

    /// <summary>Every event of every rollout of the lane, oldest first.</summary>
    private static async Task<List<string>> EventsAsync(ReleaseController lane, DeliveryHarness h)
    {
        var events = new List<string>();
        foreach (var rollout in (await lane.HistoryAsync(50, h.Cancellation)).Reverse())
            events.AddRange((await lane.GetEventsAsync(rollout.Id, 0, h.Cancellation)).Select(e => e.Message));
        return events;
    }
}
