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
}
