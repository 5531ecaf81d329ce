using Greenlight.Core.Manifest;
using static Greenlight.Core.Delivery.StagePhase;

namespace Greenlight.Core.Delivery;

internal static partial class StageMachine
{
    /// <summary>A wave, its bake or the soak failed: no later wave starts; the regions that got the new version go back
    /// (rollbackAll) or stay as they are (halt).</summary>
    public static Stage Fail(Stage s, string reason, Journal j)
    {
        if (s.Plan.OnFailure == FailurePolicy.RollbackAll)
            return RollBack(s, reason, j);
        var kept = s.Regions.Where(r => r.HasNewVersion).Select(r => r.Name).ToList();
        var what = kept.Count == 0 ? "no region has the new version" : $"{string.Join(", ", kept)} keep what they run";
        j.Log.Add($"{s.Environment}: halted: {reason}; {what} and no later wave starts (onFailure: halt)");
        return s with { Phase = Halted, Reason = reason, Until = null };
    }

    /// <summary>A request to stop the release: every region here that got the new version goes back, whatever onFailure says.</summary>
    public static Stage Abort(Stage s, string reason, Journal j)
    {
        var reached = s.Regions.Any(r => r.HasNewVersion);
        if (s.Phase is Pending or RollingBack or RolledBack or Failed or Cancelled || (!reached && s.Phase is Passed or Halted))
            return s;
        if (reached)
            return RollBack(s, $"aborted: {reason}", j);
        j.Log.Add($"{s.Environment}: cancelled before any region got the new version");
        return s with { Phase = Cancelled, Reason = $"aborted: {reason}", Until = null };
    }

    /// <summary>The answer to a RollBackRegion: <paramref name="failure"/> null when the region serves the previous revision.</summary>
    public static Stage RegionRolledBack(Stage s, string region, string? failure, DateTimeOffset now, Journal j)
    {
        if (s.Regions.FirstOrDefault(r => r.Name == region) is not { Phase: RegionPhase.RollingBack } run)
            return s;
        j.Log.Add(failure is null ? $"{s.Environment}/{region}: back on the previous revision" : $"{s.Environment}/{region}: rollback failed: {failure}");
        s = With(s, run with { Phase = failure is null ? RegionPhase.RolledBack : RegionPhase.RollbackFailed, Reason = failure ?? run.Reason, EndedAt = now });
        if (s.Phase != RollingBack || s.Regions.Any(r => r.Phase == RegionPhase.RollingBack))
            return s;
        var stuck = s.Regions.Where(r => r.Phase == RegionPhase.RollbackFailed).Select(r => $"{r.Name} ({r.Reason})").ToList();
        if (stuck.Count == 0)
        {
            j.Log.Add($"{s.Environment}: rolled back");
            return s with { Phase = RolledBack };
        }

        var why = $"{s.Reason}; not rolled back: {string.Join("; ", stuck)}";
        j.Log.Add($"{s.Environment}: failed: {why}");
        return s with { Phase = Failed, Reason = why };
    }

    private static Stage RollBack(Stage s, string reason, Journal j)
    {
        var regions = s.Regions.Select(r => r.HasNewVersion ? r with { Phase = RegionPhase.RollingBack } : r).ToList();
        var back = regions.Where(r => r.Phase == RegionPhase.RollingBack).Select(r => r.Name).ToList();
        if (back.Count == 0)
        {
            j.Log.Add($"{s.Environment}: rolled back: {reason}; no other region had the new version");
            return s with { Phase = RolledBack, Regions = regions, Reason = reason, Until = null };
        }

        j.Log.Add($"{s.Environment}: rolling back {string.Join(", ", back)}: {reason}");
        return Entered(s with { Phase = RollingBack, Regions = regions, Reason = reason, Until = null }, j);
    }
}
