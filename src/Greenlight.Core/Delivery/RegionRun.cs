namespace Greenlight.Core.Delivery;

/// <summary>One region of a stage: its wave and how far the release got there.</summary>
/// <param name="Wave">0-based index into <see cref="StagePlan.Waves"/>.</param>
public sealed record RegionRun(string Name, int Wave, RegionPhase Phase)
{
    /// <summary>Why the region failed, rolled back or could not be rolled back.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The new revision may serve here: its rollout runs or completed.</summary>
    public bool HasNewVersion => Phase is RegionPhase.Running or RegionPhase.Completed;
}

public enum RegionPhase
{
    /// <summary>Its wave has not started, or no slot was free yet.</summary>
    Pending,
    /// <summary>Its rollout runs.</summary>
    Running,
    /// <summary>Its rollout serves the new version.</summary>
    Completed,
    /// <summary>Its rollout failed and returned the region to the previous revision by itself.</summary>
    RolledBack,
    /// <summary>Its rollout failed; see <see cref="RegionRun.Reason"/>.</summary>
    Failed,
    /// <summary>The stage returns it to the previous revision.</summary>
    RollingBack,
    /// <summary>Returning it to the previous revision failed: it may still serve the new version.</summary>
    RollbackFailed,
}
