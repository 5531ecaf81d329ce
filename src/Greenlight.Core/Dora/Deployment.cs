namespace Greenlight.Core.Dora;

/// <summary>
/// One change that went to one environment, as DORA counts it: a release's stage there, or a rollout of an app without
/// environments. Only changes that reached users are deployments; the rest never changed what users saw.
/// </summary>
/// <param name="Id">The release or rollout.</param>
/// <param name="StartedAt">When the change began to reach users (the stage entered, the rollout created).</param>
/// <param name="FinishedAt">When it completed, rolled back or failed; null while it runs.</param>
/// <param name="CommittedAt">The committer time of the released git commit; null when the manifest was not in git.</param>
public sealed record Deployment(
    string Id,
    string Version,
    bool Hotfix,
    DeploymentOutcome Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? CommittedAt = null)
{
    /// <summary>Users got the new version at some point; what never reached them is no deployment.</summary>
    public bool ReachedUsers => Outcome is DeploymentOutcome.Succeeded or DeploymentOutcome.RolledBack or DeploymentOutcome.FailedAfterUsers;
}

public enum DeploymentOutcome
{
    /// <summary>Still running: counted once it finishes.</summary>
    Running,
    /// <summary>Completed in the environment.</summary>
    Succeeded,
    /// <summary>Served users, then was rolled back.</summary>
    RolledBack,
    /// <summary>Served users, then failed or halted without returning to the previous version.</summary>
    FailedAfterUsers,
    /// <summary>Refused, cancelled or failed before any user was served: no deployment.</summary>
    NeverServed,
}
