using Greenlight.Core.Manifest;

namespace Greenlight.Core.Delivery;

/// <summary>
/// A release in one environment: its protection rules (promotion, window), then its waves with their bake, then its
/// soak. Immutable; every number and reason it decided on is kept on it for status, API, audit and DORA.
/// </summary>
public sealed record Stage(string Environment, StagePlan Plan, StagePhase Phase, IReadOnlyList<RegionRun> Regions)
{
    /// <summary>The wave (0-based) that runs, bakes, or waits for the window.</summary>
    public int Wave { get; init; }

    /// <summary>Waiting: when the window opens; Baking: when the bake ends; Soaking: when the soak ends.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Why the stage waits, failed, halted or rolled back.</summary>
    public string? Reason { get; init; }

    /// <summary>How the release came in: deployed, promoted automatically, or the reason of a manual promotion.</summary>
    public string? PromotedBy { get; init; }

    /// <summary>A hotfix's recorded reason to start waves while the window is closed.</summary>
    public string? WindowOverride { get; init; }

    /// <summary>The last bake verdict, with its numbers.</summary>
    public string? BakeVerdict { get; init; }

    /// <summary>Set when the version and manifest passed here in an earlier release: this stage never ran.</summary>
    public string? PassedIn { get; init; }

    /// <summary>The approvals given here, whether they count or not (<see cref="ApprovalPolicy.Tally"/> says).</summary>
    public IReadOnlyList<Approval> Approvals { get; init; } = [];

    /// <summary>How the approval was met when the first wave started, e.g. "2 of 2 approvals (bob, carol)".</summary>
    public string? Approved { get; init; }

    public DateTimeOffset? EnteredAt { get; init; }

    /// <summary>When the last wave's bake ended, and with it the rollouts: the soak counts from here.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? PassedAt { get; init; }

    public static Stage Create(EnvironmentSpec environment, bool hotfix)
    {
        var regions = environment.Waves.SelectMany((names, wave) => names.Select(name => new RegionRun(name, wave, RegionPhase.Pending)));
        return new(environment.Name, StagePlan.For(environment, hotfix), StagePhase.Pending, [.. regions]);
    }

    /// <summary>Nothing more happens here by itself.</summary>
    public bool IsSettled => Phase is StagePhase.Passed or StagePhase.RolledBack or StagePhase.Halted or StagePhase.Failed or StagePhase.Cancelled or StagePhase.Rejected;

    public IEnumerable<RegionRun> InWave(int wave) => Regions.Where(r => r.Wave == wave);
}

public enum StagePhase
{
    /// <summary>The release has not reached this environment.</summary>
    Pending,
    /// <summary>The previous environment passed; waits for `greenlight promote-release`.</summary>
    AwaitingPromotion,
    /// <summary>Waits for the approvals <see cref="StagePlan.Approval"/> requires; <see cref="Stage.Reason"/> says what is missing.</summary>
    AwaitingApproval,
    /// <summary>The deployment window is closed; <see cref="Stage.Until"/> says when it opens.</summary>
    Waiting,
    /// <summary>The regions of wave <see cref="Stage.Wave"/> run their rollouts.</summary>
    Rolling,
    /// <summary>The wave's regions serve the new version, which is judged until <see cref="Stage.Until"/>.</summary>
    Baking,
    /// <summary>Every wave passed; checks and analysis must stay green until <see cref="Stage.Until"/>.</summary>
    Soaking,
    /// <summary>The release may enter the next environment.</summary>
    Passed,
    /// <summary>The regions that got the new version return to the previous one.</summary>
    RollingBack,
    RolledBack,
    /// <summary>A wave failed under <c>onFailure: halt</c>: every region stays as it is, later waves never start.</summary>
    Halted,
    /// <summary>A rollback could not be completed; see <see cref="Stage.Reason"/>.</summary>
    Failed,
    /// <summary>The release was aborted before any region here got the new version.</summary>
    Cancelled,
    /// <summary>An approver rejected the release here; <see cref="Stage.Reason"/> says who and why.</summary>
    Rejected,
}
