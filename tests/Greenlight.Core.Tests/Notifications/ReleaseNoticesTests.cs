using Greenlight.Core.Delivery;
using Greenlight.Core.Notifications;
using Greenlight.Core.Tests.Delivery;

namespace Greenlight.Core.Tests.Notifications;

/// <summary>The notices of a release's transitions, found by comparing each saved state with the one before it.</summary>
public sealed class ReleaseNoticesTests
{
    private readonly List<Notice> _told = [];
    private Release? _saved;

    private void Save(Release state)
    {
        _told.AddRange(ReleaseNotices.Between(_saved, state, ReleaseRun.Monday10Berlin));
        _saved = state;
    }

    [Fact]
    public void Between_AReleaseRolledBackByABake_TellsEachStepOnceAndTheVerdictWithItsNumbers()
    {
        var run = new ReleaseRun(DeliveryManifests.StagingThenProduction());
        Save(run.State);
        Save(run.Start().State);
        Save(run.Completed("staging", "local").State);
        Save(run.Tick(TimeSpan.FromMinutes(2)).State);
        Save(run.Completed("production", "one-box").State);
        Save(run.State); // saved again unchanged, as a resumed controller may
        Save(run.Send(new ReleaseObservation.BakeVerdict("production", 0, false, "error rate 4.0% vs 1.0% over 400 requests")).State);
        Save(run.Back("production", "one-box").State);

        Assert.Equal(
            ["release.requested staging", "wave.started staging", "wave.finished staging", "release.promoted production", "wave.started production",
             "release.rolled-back production"],
            _told.Select(n => $"{n.Kind.Name()} {n.Environment}"));
        var rolledBack = _told[^1];
        Assert.Equal("production: bake of wave 1/3 failed: error rate 4.0% vs 1.0% over 400 requests", rolledBack.Facts.Single(f => f.Key == "reason").Value);
        Assert.Equal("shop 2.0 rolled back: production: bake of wave 1/3 failed: error rate 4.0% vs 1.0% over 400 requests", rolledBack.Summary);
        Assert.Equal(_told.Count, _told.Select(n => n.Id).Distinct().Count());
        Assert.Equal(ReleaseNotices.IdOf("r1", NotificationKind.WaveStarted, "production", "1"), _told[4].Id);
    }

    [Fact]
    public void Between_AReleaseWaitingForApproval_TellsItWaits_ThenApprovedAndPromoted_OrRejected()
    {
        const string two = "approval: {required: 2, from: [approver]}";
        var approved = new ReleaseRun(DeliveryManifests.StagingThenProduction(production: two)).With(r => r with { Requester = "alice" });
        Save(approved.State);
        Save(approved.Start().State);
        Save(approved.Completed("staging", "local").State);
        Save(approved.Tick(TimeSpan.FromMinutes(2)).State);
        Save(approved.Send(new ReleaseObservation.ApprovalRequested("bob", "read the diff", true)).State);
        Save(approved.Send(new ReleaseObservation.ApprovalRequested("carol", "checked", true)).State);

        Assert.Equal(
            ["release.requested staging", "wave.started staging", "wave.finished staging", "release.awaiting-approval production",
             "release.approved production", "release.promoted production", "wave.started production"],
            _told.Select(n => $"{n.Kind.Name()} {n.Environment}"));
        Assert.Equal("alice", _told[3].Facts.Single(f => f.Key == "requester").Value);
        Assert.Equal("shop 2.0 approved for production: 2 of 2 approvals (bob, carol)", _told[4].Summary);

        _told.Clear();
        _saved = null;
        var rejected = new ReleaseRun(DeliveryManifests.StagingThenProduction(production: two));
        Save(rejected.Start().State);
        Save(rejected.Completed("staging", "local").State);
        Save(rejected.Tick(TimeSpan.FromMinutes(2)).State);
        Save(rejected.Send(new ReleaseObservation.RejectionRequested("bob", "not this week", true)).State);

        Assert.Equal(["release.awaiting-approval production", "release.rejected production"], _told.Select(n => n.Kind.Name() + " " + n.Environment).Skip(3));
        Assert.Equal("shop 2.0 rejected for production: rejected by bob: not this week", _told[^1].Summary);
    }
}
