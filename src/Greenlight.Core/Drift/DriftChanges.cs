namespace Greenlight.Core.Drift;

/// <summary>
/// What a check changes in the drift on record: a finding is new once (then it is written as an event), keeps the time
/// it was first found while it lasts, and clears when a check no longer finds it. A finding the check healed at once is
/// new (its repair is told) but never stays open.
/// </summary>
/// <param name="Open">The findings on record after the check.</param>
/// <param name="Current">What the check found, each with the time it was first found, and what stays on record of the kinds
/// it could not look at: what the check reports.</param>
public sealed record DriftChanges(IReadOnlyList<DriftFinding> Open, IReadOnlyList<DriftFinding> Current, IReadOnlyList<DriftFinding> New, IReadOnlyList<DriftFinding> Cleared)
{
    /// <param name="open">The findings on record before the check.</param>
    /// <param name="found">What the check found.</param>
    /// <param name="unchecked">Kinds the check could not look at (the edge did not answer): their findings stay as they were.</param>
    public static DriftChanges Merge(IReadOnlyList<DriftFinding> open, IReadOnlyList<DriftFinding> found, IReadOnlySet<DriftKind> @unchecked)
    {
        var before = open.ToDictionary(f => f.Key);
        var current = found.Select(f => before.TryGetValue(f.Key, out var was) ? f with { Since = was.Since } : f).ToList();
        var fresh = found.Where(f => !before.ContainsKey(f.Key)).ToList();
        var lasting = current.Where(f => !f.Healed).Select(f => f.Key).ToHashSet();
        // One healed now is told as it is now: with its repair.
        var cleared = open.Where(f => !lasting.Contains(f.Key) && !@unchecked.Contains(f.Kind))
            .Select(f => current.FirstOrDefault(c => c.Key == f.Key) ?? f).ToList();
        var kept = open.Where(f => @unchecked.Contains(f.Kind) && found.All(n => n.Key != f.Key)).ToList();
        return new DriftChanges([.. current.Where(f => !f.Healed), .. kept], [.. current, .. kept], fresh, cleared);
    }
}
