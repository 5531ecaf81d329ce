using Greenlight.Core.Rollouts;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Tests.Rollouts;

public sealed class RevisionNamesTests
{
    [Fact]
    public void ForConfigRelease_NamesTheVersionAndTheDigest_AndVersionOfReadsItBack()
    {
        var name = RevisionNames.ForConfigRelease("2.0+build.7", "3f2a9c1d0e");

        Assert.Equal("2.0+build.7@3f2a9c1", name);
        Assert.Equal("2.0+build.7", RevisionNames.VersionOf(name));
        Assert.Equal("2.0", RevisionNames.VersionOf("2.0"));
    }

    [Fact]
    public void Decide_ConfigReleaseLeavesTheQueue_StartsAndRoutesItsOwnRevisionBesideTheSameVersion()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var queued = Rollout.Create("r1", "shop", "2.0", null, TimeSpan.FromHours(1), t0) with { Phase = Queued };

        var started = RolloutMachine.Decide(queued, new Observation.Dequeued("2.0", "2.0@3f2a9c1"), t0);
        Assert.Equal([new Effect.StartRevision("2.0@3f2a9c1")], started.Effects);

        var ready = RolloutMachine.Decide(started.State, new Observation.RevisionReady("2.0@3f2a9c1"), t0);
        var verified = RolloutMachine.Decide(ready.State, new Observation.ChecksPassed(CheckStage.BeforeFlip), t0);
        var flip = Assert.IsType<Effect.SetWeights>(Assert.Single(verified.Effects));
        Assert.Equal(100, flip.Weights["2.0@3f2a9c1"]);
        Assert.Equal(0, flip.Weights["2.0"]);
    }
}
