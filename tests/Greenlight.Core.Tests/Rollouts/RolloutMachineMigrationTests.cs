using Greenlight.Core.Rollouts;
using static Greenlight.Core.Rollouts.RolloutPhase;

namespace Greenlight.Core.Tests.Rollouts;

public sealed class RolloutMachineMigrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static Rollout Migrating() =>
        Rollout.Create("r1", "shop", "2.0", "1.0", TimeSpan.Zero, T0) with { Migrates = true, Phase = Expanding };

    [Fact]
    public void Decide_Expanded_StartsTheNewRevision()
    {
        Assert.Equal([new Effect.ApplyMigrations(Contract: false)], RolloutMachine.Decide(Migrating(), new Observation.Resume(), T0).Effects);
        var d = RolloutMachine.Decide(Migrating(), new Observation.MigrationsApplied(Contract: false), T0);
        Assert.Equal(Starting, d.State.Phase);
        Assert.Equal([new Effect.StartRevision("2.0")], d.Effects);
    }

    [Fact]
    public void Decide_ExpandFails_EndsFailedWithNothingToStop()
    {
        var d = RolloutMachine.Decide(Migrating(), new Observation.EffectFailed("migration lint: GL003"), T0);
        Assert.Equal(Failed, d.State.Phase);
        Assert.Empty(d.Effects);
    }

    [Fact]
    public void Decide_OldRevisionRetired_ContractsBeforeCompleting()
    {
        var retiring = Migrating() with { Phase = Retiring };
        var d = RolloutMachine.Decide(retiring, new Observation.RevisionRetired("1.0"), T0);
        Assert.Equal(Contracting, d.State.Phase);
        Assert.Equal([new Effect.ApplyMigrations(Contract: true)], d.Effects);
        Assert.Equal(Completed, RolloutMachine.Decide(d.State, new Observation.MigrationsApplied(Contract: true), T0).State.Phase);
    }

    [Fact]
    public void Decide_ContractFails_CompletesTheReleaseAndSaysSo()
    {
        var d = RolloutMachine.Decide(Migrating() with { Phase = Contracting }, new Observation.EffectFailed("V3 failed"), T0);
        Assert.Equal(Completed, d.State.Phase);
        Assert.Equal("released; contract migrations failed: V3 failed", d.State.Reason);
    }

    [Fact]
    public void Decide_RolledBackRelease_NeverContracts()
    {
        var stopping = Migrating() with { Phase = StoppingNew, Outcome = RolledBack };
        Assert.Equal(RolledBack, RolloutMachine.Decide(stopping, new Observation.RevisionRetired("2.0"), T0).State.Phase);
    }
}
