using Greenlight.Core.Delivery;
using static Greenlight.Core.Tests.Delivery.DeliveryManifests;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>From one environment to the next: only after it passed and soaked, automatically or on request.</summary>
public sealed class ReleaseMachinePromotionTests
{
    private static readonly TimeSpan Soak = TimeSpan.FromMinutes(2);

    private static ReleaseRun StagingSoaking(string production = "", bool hotfix = false)
    {
        var run = new ReleaseRun(StagingThenProduction(production: production), hotfix).Start();
        run.Completed("staging", "local");
        return run;
    }

    [Fact]
    public void Decide_StageCompleted_SoaksBeforeThePromotion()
    {
        var run = StagingSoaking();

        var stage = run.Stage("staging");
        Assert.Equal(StagePhase.Soaking, stage.Phase);
        Assert.Equal(run.Now + Soak, stage.Until);
        Assert.Equal(run.Now, stage.CompletedAt);
        var soak = Assert.Single(run.Effects.OfType<ReleaseEffect.StartSoak>());
        Assert.Equal(["local"], soak.Regions);
        Assert.Contains(new ReleaseEffect.Wake(run.Now + Soak), run.Effects);
        Assert.Equal(run.Now + Soak, run.State.WakeAt);
    }

    [Fact]
    public void Decide_SoakElapsed_PromotesToTheNextEnvironmentAutomatically()
    {
        var run = StagingSoaking();

        run.Tick(Soak - TimeSpan.FromSeconds(1));
        Assert.Empty(run.Started);
        run.Tick(TimeSpan.FromSeconds(1));

        Assert.Equal(["production/one-box"], run.Started);
        Assert.Equal(StagePhase.Passed, run.Stage("staging").Phase);
        Assert.Equal(run.Now, run.Stage("staging").PassedAt);
        Assert.Equal("promoted automatically: staging passed at 2026-03-02 09:02:00Z", run.Stage("production").PromotedBy);
    }

    [Fact]
    public void Decide_SoakFails_RollsTheEnvironmentBackAndNeverPromotes()
    {
        var run = StagingSoaking();

        run.Send(new ReleaseObservation.SoakFailed("staging", "check shopper: expected status 200, got 503"));

        Assert.Equal(["staging/local"], run.RolledBackNow);
        run.Back("staging", "local");
        run.Tick(Soak);
        Assert.Empty(run.Started);
        Assert.Equal(ReleasePhase.RolledBack, run.State.Phase);
        Assert.Equal("staging: soak failed: check shopper: expected status 200, got 503", run.State.Reason);
    }

    [Fact]
    public void Decide_Hotfix_SoaksForTheHotfixSoak()
    {
        var run = StagingSoaking(hotfix: true);

        Assert.Equal(run.Now + TimeSpan.FromSeconds(30), run.Stage("staging").Until);
        run.Tick(TimeSpan.FromSeconds(30));
        Assert.Equal(["production/one-box"], run.Started);
    }

    [Fact]
    public void Decide_ManualPromotion_WaitsForTheRequestAndRecordsItsReason()
    {
        var run = StagingSoaking("promotion: manual");

        run.Tick(Soak);
        Assert.Empty(run.Effects);
        Assert.Equal(StagePhase.AwaitingPromotion, run.Stage("production").Phase);

        var d = run.Send(new ReleaseObservation.PromoteRequested("production", "approved in the release meeting by ana"));

        Assert.Null(d.Refused);
        Assert.Equal(["production/one-box"], run.Started);
        Assert.Equal("approved in the release meeting by ana", run.Stage("production").PromotedBy);
    }

    [Fact]
    public void Decide_PromotionBeforeThePreviousEnvironmentPassed_IsRefusedWithTheRule()
    {
        var run = StagingSoaking("promotion: manual");
        var before = run.State;

        var d = run.Send(new ReleaseObservation.PromoteRequested("production"));

        Assert.Equal(
            "a version that did not pass the previous environment cannot be released into the next one: staging is Soaking until 2026-03-02 09:02:00Z",
            d.Refused);
        Assert.Same(before, d.State);
        Assert.Empty(d.Effects);
    }

    [Theory]
    [InlineData("staging", "staging is the first environment: a release enters it by `greenlight deploy`")]
    [InlineData("qa", "no environment \"qa\"; release r1 goes through staging, production")]
    public void Decide_PromotionToWhereNoPromotionLeads_IsRefused(string to, string refusal)
    {
        var run = StagingSoaking("promotion: manual");

        Assert.Equal(refusal, run.Send(new ReleaseObservation.PromoteRequested(to)).Refused);
    }

    [Fact]
    public void Decide_PromotionOfAnEnvironmentAlreadyRolling_IsRefused()
    {
        var run = StagingSoaking();
        run.Tick(Soak);

        var d = run.Send(new ReleaseObservation.PromoteRequested("production"));

        Assert.Equal("production is Rolling already (promotion: auto)", d.Refused);
        Assert.Empty(d.Effects);
    }

    [Fact]
    public void Create_EnteringALaterEnvironment_MarksTheEarlierOnesPassedInTheEarlierRelease()
    {
        var manifest = StagingThenProduction(production: "promotion: manual");
        var earlier = new ReleaseRun(manifest).Start();
        earlier.Completed("staging", "local");
        earlier.Tick(Soak);
        var entry = Promotion.CanEnter(manifest, "sha256:0123456789abcdef", "2.0", "production", [earlier.State]);

        var run = new ReleaseRun(manifest, entry: entry).Start();

        Assert.Equal("r1", run.Stage("staging").PassedIn);
        Assert.Equal(StagePhase.Passed, run.Stage("staging").Phase);
        Assert.Equal(["production/one-box"], run.Started);
        Assert.Equal("deployed", run.Stage("production").PromotedBy);
    }

    [Fact]
    public void Create_WithARefusedEntry_Throws()
    {
        var manifest = StagingThenProduction();
        var entry = Promotion.CanEnter(manifest, "sha256:0123456789abcdef", "2.0", "production", []);

        var e = Assert.Throws<ArgumentException>(() => new ReleaseRun(manifest, entry: entry));

        Assert.StartsWith(Promotion.Rule, e.Message);
    }
}
