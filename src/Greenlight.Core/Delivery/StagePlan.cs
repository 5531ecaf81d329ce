using Greenlight.Core.Manifest;

namespace Greenlight.Core.Delivery;

/// <summary>
/// The rules of one environment as a release found them in its manifest snapshot, copied onto the stage so that the
/// stage's decisions never depend on a manifest read later. <paramref name="Soak"/> is the hotfix soak for a hotfix.
/// </summary>
public sealed record StagePlan(
    IReadOnlyList<IReadOnlyList<string>> Waves,
    int? MaxParallel,
    TimeSpan Bake,
    FailurePolicy OnFailure,
    TimeSpan Soak,
    PromotionMode Promotion,
    DeploymentWindow? Window)
{
    /// <summary>Who must approve before the first wave starts; null: nobody.</summary>
    public ApprovalPlan? Approval { get; init; }

    public static StagePlan For(EnvironmentSpec environment, bool hotfix) => new(
        environment.Waves,
        environment.MaxParallel,
        environment.Bake,
        environment.OnFailure,
        hotfix ? environment.HotfixSoak : environment.Soak,
        environment.Promotion,
        environment.Window)
    {
        Approval = ApprovalPlan.For(environment.Approval, hotfix),
    };
}
