using Greenlight.Core.Delivery;
using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>A release driven through the machine as the Engine would: each decision's state kept, the clock moved by hand.</summary>
internal sealed class ReleaseRun
{
    /// <summary>Monday 2 March 2026, 10:00 in Berlin (CET, UTC+1).</summary>
    public static readonly DateTimeOffset Monday10Berlin = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The manifest digest of every run's release of 2.0.</summary>
    public const string Digest = "sha256:0123456789abcdef";

    public ReleaseRun(AppManifest manifest, bool hotfix = false, DateTimeOffset? now = null, PromotionCheck? entry = null)
    {
        Now = now ?? Monday10Berlin;
        State = Release.Create("r1", manifest.App, "2.0", Digest, hotfix, manifest, Now, entry);
    }

    /// <summary>A release of 2.0 through staging then production that passed staging (its soak over).</summary>
    public static Release PassedStaging(bool hotfix = false)
    {
        var run = new ReleaseRun(DeliveryManifests.StagingThenProduction(), hotfix).Start();
        run.Completed("staging", "local");
        run.Tick(TimeSpan.FromMinutes(2));
        return run.State;
    }

    public Release State { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public ReleaseDecision Last { get; private set; } = null!;

    public IReadOnlyList<ReleaseEffect> Effects => Last.Effects;

    public Stage Stage(string environment) => State.StageOf(environment)!;

    public RegionRun Region(string environment, string region) => Stage(environment).Regions.Single(r => r.Name == region);

    public ReleaseDecision Send(ReleaseObservation observation)
    {
        Last = ReleaseMachine.Decide(State, observation, Now);
        State = Last.State;
        return Last;
    }

    /// <summary>Changes the release as the Engine does before it starts (who requested it, its commit's author).</summary>
    public ReleaseRun With(Func<Release, Release> change)
    {
        State = change(State);
        return this;
    }

    public ReleaseRun Start()
    {
        Send(new ReleaseObservation.Resume());
        return this;
    }

    public ReleaseDecision Tick(TimeSpan after)
    {
        Now += after;
        return Send(new ReleaseObservation.Tick());
    }

    public ReleaseDecision Completed(string environment, string region) =>
        Send(new ReleaseObservation.RolloutEnded(environment, region, RolloutResult.Completed));

    public ReleaseDecision RolledBack(string environment, string region, string reason) =>
        Send(new ReleaseObservation.RolloutEnded(environment, region, RolloutResult.RolledBack, reason));

    public ReleaseDecision Back(string environment, string region) =>
        Send(new ReleaseObservation.RegionRolledBack(environment, region));

    /// <summary>The regions the last decision started rollouts in, as environment/region.</summary>
    public IReadOnlyList<string> Started => [.. Effects.OfType<ReleaseEffect.StartRollout>().Select(e => $"{e.Environment}/{e.Region}")];

    /// <summary>The regions the last decision rolled back, as environment/region.</summary>
    public IReadOnlyList<string> RolledBackNow => [.. Effects.OfType<ReleaseEffect.RollBackRegion>().Select(e => $"{e.Environment}/{e.Region}")];
}
