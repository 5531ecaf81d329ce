using static Greenlight.Core.Delivery.ReleasePhase;

namespace Greenlight.Core.Delivery;

/// <summary>What users ask of a release: resume, promote, override a window, abort. A refused request changes nothing.</summary>
public static partial class ReleaseMachine
{
    private static Release Resume(Release r, bool afterRestart, Journal j)
    {
        if (afterRestart)
            j.Log.Add($"release {r.Id} resumed after a restart ({r.Phase})");
        foreach (var stage in r.Stages)
            j.Effects.AddRange(StageMachine.EffectsOf(stage));
        return r;
    }

    private static Release Promote(Release r, ReleaseObservation.PromoteRequested p, DateTimeOffset now, Journal j)
    {
        var index = IndexOf(r, p.ToEnvironment);
        var refusal = index switch
        {
            < 0 => NoSuchEnvironment(r, p.ToEnvironment),
            _ when r.Phase != Running => $"release {r.Id} is {r.Phase}",
            0 => $"{p.ToEnvironment} is the first environment: a release enters it by `greenlight deploy`",
            _ when r.Stages[index - 1].Phase != StagePhase.Passed => Promotion.NotPassed(r.Stages[index - 1]),
            _ when r.Stages[index].Phase != StagePhase.AwaitingPromotion =>
                $"{p.ToEnvironment} is {Promotion.Describe(r.Stages[index])} already (promotion: {r.Stages[index].Plan.Promotion.ToString().ToLowerInvariant()})",
            _ => null,
        };
        if (refusal is not null)
        {
            j.Refuse(refusal);
            return r;
        }

        return Replace(r, index, StageMachine.Promote(r.Stages[index], p.Reason ?? "promoted on request", r, now, j));
    }

    private static Release OverrideWindow(Release r, ReleaseObservation.WindowOverride o, DateTimeOffset now, Journal j)
    {
        var index = IndexOf(r, o.Environment);
        var stage = index < 0 ? null : r.Stages[index];
        var refusal = stage switch
        {
            _ when !r.Hotfix => $"only a hotfix may start waves outside the deployment window; release {r.Id} is not one",
            null => NoSuchEnvironment(r, o.Environment),
            _ when r.IsTerminal => $"release {r.Id} is {r.Phase}",
            { Plan.Window: null } => $"{o.Environment} has no deployment window",
            { IsSettled: true } or { Phase: StagePhase.RollingBack } => $"{o.Environment} is {stage.Phase}: no wave of it starts any more",
            _ => null,
        };
        if (refusal is not null)
        {
            j.Refuse(refusal);
            return r;
        }

        return Replace(r, index, StageMachine.OverrideWindow(stage!, o.Reason, now, j));
    }

    /// <summary>Rolls back every region, in every environment, that got the new version; a halted release too.</summary>
    private static Release Abort(Release r, string reason, Journal j)
    {
        var reached = r.Stages.Any(s => s.Regions.Any(region => region.HasNewVersion));
        var refusal = r.Phase switch
        {
            RollingBack => $"release {r.Id} is rolling back already",
            Halted when !reached => $"release {r.Id} is halted and no region has the new version: nothing to roll back",
            Running or Halted => null,
            _ => $"release {r.Id} is {r.Phase} and changes nothing any more; to go back, release the previous version",
        };
        if (refusal is not null)
        {
            j.Refuse(refusal);
            return r;
        }

        j.Log.Add($"release {r.Id}: abort requested: {reason}");
        return EachStage(r, s => StageMachine.Abort(s, reason, j)) with { Reason = $"aborted: {reason}" };
    }

    private static string NoSuchEnvironment(Release r, string environment) =>
        $"no environment \"{environment}\"; release {r.Id} goes through {string.Join(", ", r.Stages.Select(s => s.Environment))}";
}
