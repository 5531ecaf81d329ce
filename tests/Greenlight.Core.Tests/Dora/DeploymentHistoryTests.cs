using Greenlight.Core.Dora;
using Greenlight.Core.Rollouts;

namespace Greenlight.Core.Tests.Dora;

public class DeploymentHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static Rollout Ended(string id, RolloutPhase phase, DateTimeOffset? flipped = null) =>
        Rollout.Create(id, "shop", "1." + id, "1.0", TimeSpan.Zero, T0) with { Phase = phase, FlippedAt = flipped, UpdatedAt = T0.AddMinutes(5) };

    [Fact]
    public void Of_Rollouts_CountsWhatReachedUsersAndLeavesRepairsOut()
    {
        var history = DeploymentHistory.Of([
            Ended("a", RolloutPhase.Completed) with { CommittedAt = T0.AddHours(-1) },
            Ended("b", RolloutPhase.RolledBack),
            Ended("c", RolloutPhase.Failed),
            Ended("d", RolloutPhase.Failed, flipped: T0.AddMinutes(1)),
            Ended("e", RolloutPhase.Stepping),
            Ended("f", RolloutPhase.Completed) with { Repair = true },
        ]);

        Assert.Equal(
            [("a", DeploymentOutcome.Succeeded), ("b", DeploymentOutcome.RolledBack), ("c", DeploymentOutcome.NeverServed),
             ("d", DeploymentOutcome.FailedAfterUsers), ("e", DeploymentOutcome.Running)],
            history.Select(d => (d.Id, d.Outcome)));
        Assert.Equal(T0.AddHours(-1), history[0].CommittedAt);
        Assert.Equal(T0.AddMinutes(5), history[0].FinishedAt);
        Assert.Null(history[4].FinishedAt);
    }
}
