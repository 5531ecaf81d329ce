namespace Greenlight.Core.Rollouts;

/// <summary>
/// One release at a time owns an app; releases that passed their gates wait for it. A hotfix goes before every
/// other waiting release; otherwise the oldest goes first.
/// </summary>
public static class ReleaseQueue
{
    /// <summary>The rollout to start now, or null when the lane is taken or nothing waits.</summary>
    public static Rollout? Next(IEnumerable<Rollout> live)
    {
        var all = live.ToList();
        if (all.Any(r => r.IsActive))
            return null;
        return all.Where(r => r.Phase == RolloutPhase.Queued)
            .OrderByDescending(r => r.Hotfix)
            .ThenBy(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
