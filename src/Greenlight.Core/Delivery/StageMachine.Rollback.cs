namespace Greenlight.Core.Delivery;

internal static partial class StageMachine
{
    /// <summary>A rollback requested after the release ended: the regions in <paramref name="serving"/> (environment/region)
    /// return to the previous revision; one whose earlier rollback failed and that no longer serves the revision is back.</summary>
    public static Stage RollBackServing(Stage s, IReadOnlySet<string> serving, string reason, Journal j)
    {
        var regions = s.Regions.Select(r => serving.Contains($"{s.Environment}/{r.Name}") ? r with { Phase = RegionPhase.RollingBack, EndedAt = null }
            : r.Phase == RegionPhase.RollbackFailed ? r with { Phase = RegionPhase.RolledBack, Reason = $"no longer serves the new revision ({r.Reason})" }
            : r).ToList();
        var back = regions.Where(r => r.Phase == RegionPhase.RollingBack).Select(r => r.Name).ToList();
        if (back.Count > 0)
        {
            j.Log.Add($"{s.Environment}: rolling back {string.Join(", ", back)}: rollback requested: {reason}");
            return Entered(s with { Phase = StagePhase.RollingBack, Regions = regions, Reason = $"rollback requested: {reason}", Until = null }, j);
        }
        if (regions.SequenceEqual(s.Regions))
            return s;
        // A stage fails only on regions it could not return; none of them serves the revision any more.
        return s with { Phase = s.Phase == StagePhase.Failed ? StagePhase.RolledBack : s.Phase, Regions = regions };
    }
}
