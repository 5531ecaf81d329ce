using Greenlight.Core.Access;
using Greenlight.Core.Delivery;
using Greenlight.Engine.State;
using Greenlight.Engine.Control;
using Greenlight.Engine.Tests.Support;

namespace Greenlight.Engine.Tests.Delivery;

/// <summary>Production requires approvals: a release waits there, with real regions and revisions, until the
/// separation-of-duties rules are met; the wait and its approvals survive a controller restart.</summary>
public sealed class ApprovalReleaseTests
{
    private const string StagingThenApprovedProduction = """
        environments:
          - name: staging
            regions: [{name: local, edge: {listen: {listen}}}]
          - name: production
            approval: {required: 2, from: [approver]}
            regions: [{name: one-box, edge: {listen: {listen}}}]
        """;

    /// <summary>The harness, with alice (who requests the releases), bob and carol holding the approver role.</summary>
    private static async Task<DeliveryHarness> StartAsync()
    {
        var h = await DeliveryHarness.StartAsync(StagingThenApprovedProduction);
        var store = StateStores.OpenSqlite(h.Workspace, TimeProvider.System);
        foreach (var approver in (string[])["alice", "bob", "carol"])
            await store.GrantAsync(new RoleGrant(approver, Role.Approver, RoleGrant.All, "production"), DateTimeOffset.UtcNow, h.Cancellation);
        return h;
    }

    private static Func<Release, bool> AwaitingApproval => r => r.StageOf("production")!.Phase == StagePhase.AwaitingApproval;

    [Fact]
    public async Task Release_IntoProduction_WaitsForTwoDistinctApprovers_NotItsRequester_AndGoesOnOnceTheyApproved()
    {
        await using var h = await StartAsync();
        var waiting = await h.ReleaseAsync("1.0", until: AwaitingApproval, requester: "alice");
        Assert.Equal("1.0", await h.VersionAtAsync("staging", "local"));
        Assert.DoesNotContain("production/one-box", waiting.Rollouts.Keys);
        Assert.Equal("waits for approval: 0 of 2 approvals", waiting.StageOf("production")!.Reason);

        var self = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.Delivery.ApproveAsync(waiting.Id, "alice", "lgtm", h.Cancellation));
        Assert.Equal(RejectionKind.Forbidden, self.Kind);
        Assert.Equal($"{ApprovalPolicy.RequesterRule}: alice requested release {waiting.Id}", self.Message);

        var unentitled = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.Delivery.ApproveAsync(waiting.Id, "dave", "lgtm", h.Cancellation));
        Assert.StartsWith($"{ApprovalPolicy.FromRule}: dave is none of approver for production", unentitled.Message);
        await h.Delivery.ApproveAsync(waiting.Id, "bob", "read the diff", h.Cancellation);
        var twice = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.Delivery.ApproveAsync(waiting.Id, "bob", "really", h.Cancellation));
        Assert.StartsWith(ApprovalPolicy.OnceRule, twice.Message);
        Assert.Equal("waits for approval: 1 of 2 approvals (bob)", (await h.Delivery.GetAsync(waiting.Id, h.Cancellation))!.StageOf("production")!.Reason);

        await h.Delivery.ApproveAsync(waiting.Id, "carol", "checked the metrics", h.Cancellation);
        var done = await h.Delivery.WaitAsync(waiting.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(ReleasePhase.Completed, done.Phase);
        Assert.Equal("2 of 2 approvals (bob, carol)", done.StageOf("production")!.Approved);
        Assert.Equal("1.0", await h.VersionAtAsync("production", "one-box"));
    }

    [Fact]
    public async Task Release_AwaitingApproval_SurvivesAControllerRestartWithItsApprovals()
    {
        await using var h = await StartAsync();
        var waiting = await h.ReleaseAsync("1.0", until: AwaitingApproval, requester: "alice");
        await h.Delivery.ApproveAsync(waiting.Id, "bob", "read the diff", h.Cancellation);

        await h.RestartControllerAsync();

        var resumed = (await h.Delivery.GetAsync(waiting.Id, h.Cancellation))!;
        Assert.Equal(StagePhase.AwaitingApproval, resumed.StageOf("production")!.Phase);
        Assert.Equal("alice", resumed.Requester);
        var bob = Assert.Single(resumed.StageOf("production")!.Approvals);
        Assert.Equal(("bob", "read the diff", resumed.ManifestDigest), (bob.By, bob.Reason, bob.ManifestDigest));
        Assert.Equal(waiting.Id, Assert.Single(await h.Delivery.PendingApprovalsAsync(h.Cancellation)).Id);

        await h.Delivery.ApproveAsync(waiting.Id, "carol", "checked the metrics", h.Cancellation);
        Assert.Equal(ReleasePhase.Completed, (await h.Delivery.WaitAsync(waiting.Id, r => r.IsTerminal, h.Cancellation)).Phase);
    }

    [Fact]
    public async Task Reject_EndsTheReleaseRejected_NothingReachesProduction_AndNothingIsLeftToApprove()
    {
        await using var h = await StartAsync();
        var waiting = await h.ReleaseAsync("1.0", until: AwaitingApproval, requester: "alice");

        await h.Delivery.RejectAsync(waiting.Id, "bob", "the migration is not reversible", h.Cancellation);
        var rejected = await h.Delivery.WaitAsync(waiting.Id, r => r.IsTerminal, h.Cancellation);

        Assert.Equal(ReleasePhase.Rejected, rejected.Phase);
        Assert.Equal("production: rejected by bob: the migration is not reversible", rejected.Reason);
        Assert.DoesNotContain("production/one-box", rejected.Rollouts.Keys);
        var late = await Assert.ThrowsAsync<ReleaseRejectedException>(() => h.Delivery.ApproveAsync(waiting.Id, "carol", "lgtm", h.Cancellation));
        Assert.Equal(RejectionKind.Conflict, late.Kind);
        Assert.Empty(await h.Delivery.PendingApprovalsAsync(h.Cancellation));
    }

    [Fact]
    public async Task ManifestChange_VoidsAnEarlierApproval_AndTheApproverSeesTheDiffAgainstWhatServes()
    {
        await using var h = await StartAsync();
        var first = await h.ReleaseAsync("1.0", until: AwaitingApproval, requester: "alice");
        await h.Delivery.ApproveAsync(first.Id, "bob", "fine", h.Cancellation);
        await h.Delivery.ApproveAsync(first.Id, "carol", "fine", h.Cancellation);
        Assert.Equal(ReleasePhase.Completed, (await h.Delivery.WaitAsync(first.Id, r => r.IsTerminal, h.Cancellation)).Phase);
        var asked = await h.ReleaseAsync("2.0", until: AwaitingApproval, requester: "alice");
        await h.Delivery.ApproveAsync(asked.Id, "bob", "fine", h.Cancellation);
        await h.Delivery.AbortAsync(asked.Id, "the manifest needs a fix", h.Cancellation);
        Assert.Equal(ReleasePhase.RolledBack, (await h.Delivery.WaitAsync(asked.Id, r => r.IsTerminal, h.Cancellation)).Phase); // staging had it
        // The region is back before its lane has stopped the new revision: a release of 2.0 waits for that.
        while ((await h.Delivery.Lanes["staging/local"].StatusAsync(h.Cancellation)).Rollouts.Count > 0)
            await Task.Delay(50, h.Cancellation);

        var changed = await h.ReleaseAsync("2.0", until: r => r.IsTerminal || AwaitingApproval(r), requester: "alice",
            edit: text => text.Replace("warmFor: 1h", "warmFor: 2h"));
        Assert.True(AwaitingApproval(changed), $"{changed.Phase}: {changed.Reason}");

        var tally = h.Delivery.TallyOf(changed)!;
        Assert.Empty(tally.Counted);
        Assert.StartsWith($"{ApprovalPolicy.ManifestRule}: bob's was given for manifest", Assert.Single(tally.NotCounted).Why);
        await h.Delivery.ApproveAsync(changed.Id, "bob", "the fix is right", h.Cancellation);
        Assert.Equal(["bob"], h.Delivery.TallyOf((await h.Delivery.GetAsync(changed.Id, h.Cancellation))!)!.Counted.Select(a => a.By));

        var review = (await h.Delivery.ReviewAsync(changed, h.Cancellation))!;
        Assert.Equal("production", review.Environment);
        var serving = Assert.Single(review.Serving);
        Assert.Equal("1.0", serving.Revision);
        Assert.Contains(serving.Changes, c => c.Kind == "removed" && c.Text.Contains("warmFor: 1h"));
        Assert.Contains(serving.Changes, c => c.Kind == "added" && c.Text.Contains("warmFor: 2h"));
        Assert.Equal(StagePhase.Passed, Assert.Single(review.Previous).Phase);
    }
}
