using Greenlight.Core.Delivery;
using Greenlight.Core.Rollouts;

namespace Greenlight.Core.Dora;

/// <summary>Greenlight's own records read as deployments: releases per environment, rollouts of apps without environments.</summary>
public static class DeploymentHistory
{
    /// <summary>The stage of each release that ran in <paramref name="environment"/>; stages passed in an earlier release never ran.</summary>
    public static IReadOnlyList<Deployment> Of(IEnumerable<Release> releases, string environment) =>
        [.. releases.Select(r => (Release: r, Stage: r.StageOf(environment)))
            .Where(x => x.Stage is { PassedIn: null, EnteredAt: not null })
            .Select(x => Of(x.Release, x.Stage!))
            .OrderBy(d => d.StartedAt)];

    /// <summary>Rollouts that released something; repairs restart what already served and are no change.</summary>
    public static IReadOnlyList<Deployment> Of(IEnumerable<Rollout> rollouts) =>
        [.. rollouts.Where(r => !r.Repair).Select(Of).OrderBy(d => d.StartedAt)];

    private static Deployment Of(Release release, Stage stage)
    {
        var served = stage.Regions.Any(r => r.Phase != RegionPhase.Pending);
        var ended = release.IsTerminal ? release.UpdatedAt : (DateTimeOffset?)null;
        var (outcome, finished) = stage.Phase switch
        {
            StagePhase.Passed => (DeploymentOutcome.Succeeded, stage.PassedAt ?? release.UpdatedAt),
            StagePhase.RolledBack when served => (DeploymentOutcome.RolledBack, ended),
            StagePhase.Failed or StagePhase.Halted when served => (DeploymentOutcome.FailedAfterUsers, ended),
            StagePhase.RolledBack or StagePhase.Failed or StagePhase.Halted or StagePhase.Cancelled => (DeploymentOutcome.NeverServed, ended),
            _ => (DeploymentOutcome.Running, (DateTimeOffset?)null),
        };
        return new(release.Id, release.Version, release.Hotfix, outcome, stage.EnteredAt!.Value, finished, release.CommittedAt);
    }

    private static Deployment Of(Rollout rollout)
    {
        // A rollback moves traffic back, so the new version had some; a failure reached users only after the swap.
        var outcome = rollout.Phase switch
        {
            RolloutPhase.Completed => DeploymentOutcome.Succeeded,
            RolloutPhase.RolledBack => DeploymentOutcome.RolledBack,
            RolloutPhase.Failed when rollout.FlippedAt is not null => DeploymentOutcome.FailedAfterUsers,
            RolloutPhase.Failed => DeploymentOutcome.NeverServed,
            _ => DeploymentOutcome.Running,
        };
        return new(rollout.Id, rollout.RevisionName, rollout.Hotfix, outcome, rollout.CreatedAt,
            outcome == DeploymentOutcome.Running ? null : rollout.UpdatedAt, rollout.CommittedAt);
    }
}
