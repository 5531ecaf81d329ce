using Greenlight.Core.Delivery;
using static Greenlight.Core.Tests.Delivery.DeliveryManifests;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>Deployment windows: outside one a stage waits and says until when; a hotfix may override with a reason.</summary>
public sealed class ReleaseMachineWindowTests
{
    private const string Window = "window: { days: [mon, tue, wed, thu], hours: \"09:00-16:00\", timeZone: Europe/Berlin }";

    /// <summary>Friday 6 March 2026, 10:00 in Berlin: production's window is closed until Monday 09:00 (08:00Z).</summary>
    private static readonly DateTimeOffset Friday10Berlin = new(2026, 3, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Monday09Berlin = new(2026, 3, 9, 8, 0, 0, TimeSpan.Zero);

    private static ReleaseRun ProductionReached(DateTimeOffset now, bool hotfix = false)
    {
        var run = new ReleaseRun(StagingThenProduction(production: Window), hotfix, now).Start();
        run.Completed("staging", "local");
        run.Tick(TimeSpan.FromMinutes(hotfix ? 0.5 : 2));
        return run;
    }

    [Fact]
    public void Decide_WindowClosed_WaitsAndSaysUntilWhen()
    {
        var run = ProductionReached(Friday10Berlin);

        var stage = run.Stage("production");
        Assert.Equal(StagePhase.Waiting, stage.Phase);
        Assert.Equal(Monday09Berlin, stage.Until);
        Assert.Equal(
            "outside the deployment window mon,tue,wed,thu 09:00-16:00 Europe/Berlin: wave 1/3 waits until 2026-03-09 08:00:00Z",
            stage.Reason);
        Assert.Equal([new ReleaseEffect.Wake(Monday09Berlin)], run.Effects);
        Assert.Empty(run.Started);
    }

    [Fact]
    public void Decide_ResumedWhileWaiting_SetsTheTimerAgain()
    {
        var run = ProductionReached(Friday10Berlin);

        run.Send(new ReleaseObservation.Resume(AfterRestart: true));

        Assert.Equal([new ReleaseEffect.Wake(Monday09Berlin)], run.Effects);
        Assert.Equal(Monday09Berlin, run.State.WakeAt);
    }

    [Fact]
    public void Decide_WindowOpens_StartsTheWave()
    {
        var run = ProductionReached(Friday10Berlin);

        run.Tick(Monday09Berlin - run.Now - TimeSpan.FromSeconds(1));
        Assert.Empty(run.Effects);
        run.Tick(TimeSpan.FromSeconds(1));

        Assert.Equal(["production/one-box"], run.Started);
        Assert.Null(run.Stage("production").Reason);
    }

    [Fact]
    public void Decide_WindowOpenedAndClosedWhileNobodyLooked_WaitsForTheNextOpening()
    {
        var run = ProductionReached(Friday10Berlin);

        run.Tick(Monday09Berlin.AddHours(8) - run.Now);

        Assert.Empty(run.Started);
        Assert.Equal(Monday09Berlin.AddDays(1), run.Stage("production").Until);
        Assert.Equal([new ReleaseEffect.Wake(Monday09Berlin.AddDays(1))], run.Effects);
    }

    [Fact]
    public void Decide_WindowClosesBetweenWaves_TheNextWaveWaits()
    {
        // Thursday 15:56 in Berlin: the one-box starts at 15:58 in the window, its bake ends after it closed.
        var run = ProductionReached(new DateTimeOffset(2026, 3, 5, 14, 56, 0, TimeSpan.Zero));
        Assert.Equal(["production/one-box"], run.Started);
        run.Completed("production", "one-box");

        run.Tick(TimeSpan.FromMinutes(5));

        Assert.Empty(run.Started);
        Assert.Equal(StagePhase.Waiting, run.Stage("production").Phase);
        Assert.Equal(1, run.Stage("production").Wave);
        Assert.Equal(Monday09Berlin, run.Stage("production").Until);
    }

    [Fact]
    public void Decide_HotfixOverridesTheClosedWindow_StartsAndRecordsTheReason()
    {
        var run = ProductionReached(Friday10Berlin, hotfix: true);
        Assert.Equal(StagePhase.Waiting, run.Stage("production").Phase);

        var d = run.Send(new ReleaseObservation.WindowOverride("production", "checkout down for every customer (INC-4411)"));

        Assert.Null(d.Refused);
        Assert.Equal(["production/one-box"], run.Started);
        Assert.Equal("checkout down for every customer (INC-4411)", run.Stage("production").WindowOverride);
        Assert.Contains(
            "production: wave 1/3 starts: one-box, outside the deployment window mon,tue,wed,thu 09:00-16:00 Europe/Berlin (hotfix override: checkout down for every customer (INC-4411))",
            d.Log);
    }

    [Fact]
    public void Decide_OverrideGivenBeforeTheStageIsReached_AppliesWhenItIs()
    {
        var run = new ReleaseRun(StagingThenProduction(production: Window), hotfix: true, Friday10Berlin).Start();

        run.Send(new ReleaseObservation.WindowOverride("production", "INC-4411"));
        run.Completed("staging", "local");
        run.Tick(TimeSpan.FromSeconds(30));

        Assert.Equal(["production/one-box"], run.Started);
    }

    [Fact]
    public void Decide_WindowOverrideOfANormalRelease_IsRefused()
    {
        var run = ProductionReached(Friday10Berlin);

        var d = run.Send(new ReleaseObservation.WindowOverride("production", "in a hurry"));

        Assert.Equal("only a hotfix may start waves outside the deployment window; release r1 is not one", d.Refused);
        Assert.Equal(StagePhase.Waiting, d.State.StageOf("production")!.Phase);
        Assert.Null(d.State.StageOf("production")!.WindowOverride);
    }

    [Fact]
    public void Decide_WindowOverrideWhereThereIsNoWindow_IsRefused()
    {
        var run = ProductionReached(Friday10Berlin, hotfix: true);

        Assert.Equal("staging has no deployment window", run.Send(new ReleaseObservation.WindowOverride("staging", "INC-4411")).Refused);
    }
}
