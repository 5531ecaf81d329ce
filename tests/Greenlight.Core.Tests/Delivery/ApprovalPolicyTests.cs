using Greenlight.Core.Delivery;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>Production requires approvals: the release waits before any wave there, and only approvals that keep the
/// separation-of-duties rules let it go on.</summary>
public sealed class ApprovalPolicyTests
{
    private const string TwoApprovers = "approval: {required: 2, from: [approver, dora], expiresAfter: 24h, hotfix: {required: 1}}";

    /// <summary>2.0, requested by alice and written by Carl, through staging into production, where it waits for approval.</summary>
    private static ReleaseRun Waiting(string rule = TwoApprovers, bool hotfix = false)
    {
        var run = new ReleaseRun(DeliveryManifests.StagingThenProduction(production: rule), hotfix)
            .With(r => r with { Requester = "alice", Commit = "0a1b2c3d4e5f60718293", Author = new CommitAuthor("Carl Author", "carl@example.com") })
            .Start();
        run.Completed("staging", "local");
        run.Tick(hotfix ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(2));
        return run;
    }

    private static ReleaseDecision Approve(ReleaseRun run, string by, bool holdsRole = true) =>
        run.Send(new ReleaseObservation.ApprovalRequested(by, "looked at the diff", holdsRole));

    [Fact]
    public void Release_ReachingAnEnvironmentThatRequiresApproval_WaitsBeforeAnyWaveSayingWhatIsMissing()
    {
        var run = Waiting();

        Assert.Equal(StagePhase.AwaitingApproval, run.Stage("production").Phase);
        Assert.Empty(run.Started);
        Assert.Equal("waits for approval: 0 of 2 approvals", run.Stage("production").Reason);
        Assert.Null(run.State.WakeAt);
    }

    [Fact]
    public void Approve_TwoDistinctApprovers_StartsTheFirstWave_AndRecordsWhoApproved()
    {
        var run = Waiting();

        Assert.Null(Approve(run, "bob").Refused);
        Assert.Empty(run.Started);
        Assert.Equal("waits for approval: 1 of 2 approvals (bob)", run.Stage("production").Reason);
        Assert.Null(Approve(run, "dora", holdsRole: false).Refused); // named in from

        Assert.Equal(["production/one-box"], run.Started);
        Assert.Equal("2 of 2 approvals (bob, dora)", run.Stage("production").Approved);
        Assert.Equal(["bob", "dora"], run.Stage("production").Approvals.Select(a => a.By));
    }

    [Fact]
    public void Approve_ByTheRequester_IsForbiddenNamingTheRule()
    {
        var run = Waiting();

        var decision = Approve(run, "Alice");

        Assert.True(decision.Forbidden);
        Assert.Equal("the requester of a release cannot approve it (preventSelfReview): Alice requested release r1", decision.Refused);
        Assert.Empty(run.Stage("production").Approvals);
    }

    [Theory]
    [InlineData("carl")]
    [InlineData("carl@example.com")]
    [InlineData("Carl Author")]
    public void Approve_ByTheCommitsAuthor_IsForbiddenNamingTheRule(string user)
    {
        var decision = Approve(Waiting(), user);

        Assert.True(decision.Forbidden);
        Assert.Equal($"the git author of the released commit cannot approve it (preventSelfReview): {user} is the author of commit 0a1b2c3d4e5f (Carl Author <carl@example.com>)", decision.Refused);
    }

    [Fact]
    public void Approve_WithoutSelfReviewPrevented_ByTheRequester_Counts()
    {
        var run = Waiting("approval: {required: 1, preventSelfReview: false}");

        Assert.Null(Approve(run, "alice").Refused);
        Assert.Equal(["production/one-box"], run.Started);
    }

    [Fact]
    public void Approve_SamePersonTwice_CountsOnce()
    {
        var run = Waiting();
        Approve(run, "bob");

        var again = Approve(run, "BOB");

        Assert.True(again.Forbidden);
        Assert.StartsWith("one person counts once: BOB's approval of 2026-03-02 ", again.Refused);
        Assert.Equal(StagePhase.AwaitingApproval, run.Stage("production").Phase);
    }

    [Fact]
    public void Approve_ByWhoHoldsNoRoleOfFromAndIsNotNamed_IsForbidden()
    {
        var decision = Approve(Waiting(), "eve", holdsRole: false);

        Assert.True(decision.Forbidden);
        Assert.Equal("only the roles and users in approval.from may approve or reject: eve is none of approver, dora for production", decision.Refused);
    }

    [Fact]
    public void Approval_PastExpiresAfter_NoLongerCounts_AndCanBeGivenAgain()
    {
        var run = Waiting();
        Approve(run, "bob");
        run.Tick(TimeSpan.FromHours(24));

        var tally = ApprovalPolicy.Tally(run.State, run.Stage("production"), run.Now);
        Assert.Empty(tally.Counted);
        Assert.Equal("0 of 2 approvals; bob's does not count: an approval past approval.expiresAfter does not count: bob's was given at 2026-03-02 09:02:00Z and expired at 2026-03-03 09:02:00Z", tally.Summary);

        Assert.Null(Approve(run, "bob").Refused);
        Assert.Null(Approve(run, "carol").Refused);
        Assert.Equal(["production/one-box"], run.Started);
    }

    [Fact]
    public void Approval_GivenBeforeTheManifestChanged_DoesNotCount()
    {
        var first = Waiting();
        Approve(first, "bob");
        var changed = Waiting();
        changed.With(r => (r with { Id = "r2", ManifestDigest = "sha256:fedcba9876543210fedcba" }).WithApprovalsOf([first.State]));

        var tally = ApprovalPolicy.Tally(changed.State, changed.Stage("production"), changed.Now);

        Assert.Empty(tally.Counted);
        Assert.Equal("bob", Assert.Single(tally.NotCounted).Approval.By);
        Assert.Equal("an approval given before the release's manifest changed does not count: bob's was given for manifest 0123456789ab; the release carries fedcba987654",
            tally.NotCounted[0].Why);
    }

    [Fact]
    public void Approval_OfAnEarlierReleaseOfTheSameManifest_Counts_UnlessThatReleaseWasRejected()
    {
        var first = Waiting();
        Approve(first, "bob");
        var again = Waiting().With(r => (r with { Id = "r2" }).WithApprovalsOf([first.State]));
        Assert.Equal(["bob"], ApprovalPolicy.Tally(again.State, again.Stage("production"), again.Now).Counted.Select(a => a.By));

        first.Send(new ReleaseObservation.RejectionRequested("dora", "not this week", true));
        var afterRejection = Waiting().With(r => (r with { Id = "r3" }).WithApprovalsOf([first.State]));
        Assert.Empty(afterRejection.Stage("production").Approvals);
    }

    [Fact]
    public void Approve_AHotfix_NeedsTheHotfixCount_AndSaysSo()
    {
        var run = Waiting(hotfix: true);
        Assert.Equal("waits for approval: 0 of 1 approvals (hotfix count)", run.Stage("production").Reason);

        Approve(run, "bob");

        Assert.Equal(["production/one-box"], run.Started);
        Assert.Equal("1 of 1 approvals (hotfix count) (bob)", run.Stage("production").Approved);
    }

    [Fact]
    public void Reject_EndsTheReleaseRejectedWithWhoAndWhy()
    {
        var run = Waiting();

        var decision = run.Send(new ReleaseObservation.RejectionRequested("bob", "the migration is not reversible", true));

        Assert.Null(decision.Refused);
        Assert.Equal(ReleasePhase.Rejected, run.State.Phase);
        Assert.Equal("production: rejected by bob: the migration is not reversible", run.State.Reason);
        Assert.True(run.State.IsTerminal);
        Assert.Empty(run.Started);
    }

    [Fact]
    public void Reject_ByWhoMayNotApprove_IsForbidden()
    {
        var run = Waiting();

        var decision = run.Send(new ReleaseObservation.RejectionRequested("eve", "no", false));

        Assert.True(decision.Forbidden);
        Assert.StartsWith("only the roles and users in approval.from may approve or reject", decision.Refused);
        Assert.Equal(ReleasePhase.Running, run.State.Phase);
    }

    [Fact]
    public void Approve_ReleaseNotWaitingForApproval_IsRefusedSayingWhereItIs_NotForbidden()
    {
        var run = new ReleaseRun(DeliveryManifests.StagingThenProduction(production: TwoApprovers)).Start();

        var decision = Approve(run, "bob");

        Assert.False(decision.Forbidden);
        Assert.Equal("release r1 awaits no approval: staging is Rolling", decision.Refused);
    }
}
