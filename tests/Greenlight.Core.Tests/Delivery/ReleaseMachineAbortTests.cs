using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Core.Delivery;
using static Greenlight.Core.Tests.Delivery.DeliveryManifests;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>Stopping a release by request, and picking it up again after the controller restarted.</summary>
public sealed class ReleaseMachineAbortTests
{
    /// <summary>Staging passed; production's one-box baked and its second wave runs.</summary>
    private static ReleaseRun SecondWaveRunning()
    {
        var run = new ReleaseRun(StagingThenProduction()).Start();
        run.Completed("staging", "local");
        run.Tick(TimeSpan.FromMinutes(2));
        run.Completed("production", "one-box");
        run.Tick(TimeSpan.FromMinutes(5));
        return run;
    }

    [Fact]
    public void Decide_AbortRequested_RollsBackEveryRegionThatGotTheNewVersion()
    {
        var run = SecondWaveRunning();

        run.Send(new ReleaseObservation.AbortRequested("customers report broken carts"));

        Assert.Equal(["staging/local", "production/one-box", "production/eu-west", "production/us-east"], run.RolledBackNow);
        Assert.Equal(ReleasePhase.RollingBack, run.State.Phase);
        Assert.Equal("aborted: customers report broken carts", run.State.Reason);
        foreach (var (environment, region) in new[] { ("staging", "local"), ("production", "one-box"), ("production", "eu-west"), ("production", "us-east") })
            run.Back(environment, region);
        Assert.Equal(ReleasePhase.RolledBack, run.State.Phase);
        Assert.Equal(RegionPhase.Pending, run.Region("production", "ap-south").Phase);
        Assert.Equal("aborted: customers report broken carts", run.State.Reason);
    }

    [Fact]
    public void Decide_AbortBeforeAnyRegionGotTheVersion_CancelsWithNothingToUndo()
    {
        var waiting = new ReleaseRun(StagingThenProduction(staging: "window: { days: [sat], timeZone: UTC }")).Start();
        Assert.Equal(StagePhase.Waiting, waiting.Stage("staging").Phase);

        waiting.Send(new ReleaseObservation.AbortRequested("wrong version"));

        Assert.Empty(waiting.Effects);
        Assert.Equal(StagePhase.Cancelled, waiting.Stage("staging").Phase);
        Assert.Equal(ReleasePhase.Cancelled, waiting.State.Phase);
        Assert.Null(waiting.State.WakeAt);
    }

    [Fact]
    public void Decide_AbortOfAHaltedRelease_RollsBackWhatItLeft()
    {
        var halted = new ReleaseRun(StagingThenProduction(production: "onFailure: halt")).Start();
        halted.Completed("staging", "local");
        halted.Tick(TimeSpan.FromMinutes(2));
        halted.RolledBack("production", "one-box", "error rate 5.1% vs 1.0%");
        Assert.Equal(ReleasePhase.Halted, halted.State.Phase);

        halted.Send(new ReleaseObservation.AbortRequested("give up on 2.0"));

        Assert.Equal(["staging/local"], halted.RolledBackNow);
        Assert.Equal(ReleasePhase.RollingBack, halted.State.Phase);
        halted.Back("staging", "local");
        Assert.Equal(ReleasePhase.RolledBack, halted.State.Phase);
        Assert.Equal("aborted: give up on 2.0", halted.State.Reason);
    }

    [Fact]
    public void Decide_AbortOfAFinishedRelease_IsRefused()
    {
        var run = new ReleaseRun(StagingThenProduction()).Start();
        run.Send(new ReleaseObservation.RolloutEnded("staging", "local", RolloutResult.Failed, "not healthy"));

        var d = run.Send(new ReleaseObservation.AbortRequested("again"));

        Assert.Equal("release r1 is RolledBack and changes nothing any more; to go back, release the previous version", d.Refused);
        Assert.Empty(d.Effects);
    }

    [Fact]
    public void Decide_ResumedAfterRestart_ReissuesTheEffectsOfEveryCurrentPhase()
    {
        var run = SecondWaveRunning();
        run.Send(new ReleaseObservation.Resume(AfterRestart: true));
        Assert.Equal(["production/eu-west", "production/us-east"], run.Started);

        run.Completed("production", "eu-west");
        run.Completed("production", "us-east");
        run.Send(new ReleaseObservation.Resume(AfterRestart: true));
        var bake = Assert.Single(run.Effects.OfType<ReleaseEffect.StartBake>());
        Assert.Equal(["eu-west", "us-east"], bake.Regions);
        Assert.Contains(new ReleaseEffect.Wake(bake.Until), run.Effects);

        run.Send(new ReleaseObservation.BakeVerdict("production", 1, false, "error rate 4.0% vs 1.0%"));
        run.Back("production", "one-box");
        run.Send(new ReleaseObservation.Resume(AfterRestart: true));
        Assert.Equal(["production/eu-west", "production/us-east"], run.RolledBackNow);
        Assert.Contains("release r1 resumed after a restart (RollingBack)", run.Last.Log);
    }

    [Fact]
    public void Release_SerializedAndReadBack_DecidesAsBefore()
    {
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        var run = new ReleaseRun(StagingThenProduction(production: "window: { days: [mon], hours: \"22:00-02:00\", timeZone: Europe/Berlin }")).Start();
        run.Completed("staging", "local");

        var json = JsonSerializer.Serialize(run.State, options);
        var read = JsonSerializer.Deserialize<Release>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(read, options));
        var later = run.Now + TimeSpan.FromMinutes(2);
        Assert.Equal(
            ReleaseMachine.Decide(run.State, new ReleaseObservation.Tick(), later).Log,
            ReleaseMachine.Decide(read, new ReleaseObservation.Tick(), later).Log);
    }
}
