namespace Greenlight.Core.Dora;

/// <summary>
/// DORA's four keys over one environment's deployments. Pure: the same history and window give the same report.
/// A change failed when it was rolled back, failed after reaching users, or was followed within
/// <c>failureWindow</c> by a hotfix or by a redeploy of a version that served before it (a rollback by hand).
/// </summary>
public static class DoraMetrics
{
    public static readonly TimeSpan DefaultFailureWindow = TimeSpan.FromHours(24);

    /// <param name="history">Every deployment of the environment, in any order; those outside the window only serve as context.</param>
    public static DoraReport Compute(IReadOnlyList<Deployment> history, DateTimeOffset from, DateTimeOffset to, TimeSpan failureWindow)
    {
        if (to <= from)
            throw new ArgumentException($"the window must end after it starts ({from:O} .. {to:O})", nameof(to));
        var ordered = history.Where(d => d.ReachedUsers && d.FinishedAt is not null).OrderBy(d => d.FinishedAt).ToList();
        var inWindow = ordered.Where(d => d.FinishedAt >= from && d.FinishedAt < to).ToList();
        var days = (to - from).TotalDays;

        var leadTimes = inWindow.Where(d => d.Outcome == DeploymentOutcome.Succeeded && d.CommittedAt is not null)
            .Select(d => d.FinishedAt!.Value - d.CommittedAt!.Value).ToList();
        var failures = inWindow.Select(d => (Deployment: d, Recovered: Failure(ordered, d, failureWindow))).Where(f => f.Recovered is not null).ToList();
        var recoveries = failures.Select(f => f.Recovered!.Value).Where(r => r != NotYet).ToList();

        var leadTime = Median(leadTimes);
        double? rate = inWindow.Count == 0 ? null : (double)failures.Count / inWindow.Count;
        var recovery = Median(recoveries);
        return new DoraReport(from, to,
            inWindow.Count, inWindow.Count / days, DoraBands.Frequency(inWindow.Count / days),
            leadTimes.Count, leadTime, leadTime is { } l ? DoraBands.LeadTime(l) : null,
            failures.Count, rate, rate is { } r ? DoraBands.ChangeFailureRate(r) : null,
            recoveries.Count, failures.Count - recoveries.Count, recovery, recovery is { } t ? DoraBands.RecoveryTime(t) : null);
    }

    /// <summary>The report of each of <paramref name="buckets"/> equal slices of the window, oldest first: the trend.</summary>
    public static IReadOnlyList<DoraReport> Trend(IReadOnlyList<Deployment> history, DateTimeOffset from, DateTimeOffset to, TimeSpan failureWindow, int buckets)
    {
        if (buckets < 1)
            throw new ArgumentOutOfRangeException(nameof(buckets), buckets, "at least one slice");
        var step = (to - from) / buckets;
        return [.. Enumerable.Range(0, buckets).Select(i => Compute(history, from + step * i, i == buckets - 1 ? to : from + step * (i + 1), failureWindow))];
    }

    private static readonly TimeSpan NotYet = TimeSpan.MinValue;

    /// <summary>Null when <paramref name="d"/> did not fail; else how long until users were served well again
    /// (<see cref="NotYet"/> while they are not).</summary>
    private static TimeSpan? Failure(List<Deployment> ordered, Deployment d, TimeSpan failureWindow)
    {
        var later = ordered.Skip(ordered.IndexOf(d) + 1).ToList();
        switch (d.Outcome)
        {
            case DeploymentOutcome.RolledBack:
                // The rollback itself brought the previous version back.
                return d.FinishedAt!.Value - d.StartedAt;
            case DeploymentOutcome.FailedAfterUsers:
                return later.FirstOrDefault(n => n.Outcome == DeploymentOutcome.Succeeded) is { } fix ? fix.FinishedAt!.Value - d.StartedAt : NotYet;
        }
        var served = ordered.Where(p => p.FinishedAt <= d.StartedAt && p.Outcome == DeploymentOutcome.Succeeded).Select(p => p.Version).ToHashSet();
        var follower = later.FirstOrDefault(n => n.StartedAt - d.FinishedAt!.Value <= failureWindow && (n.Hotfix || (n.Version != d.Version && served.Contains(n.Version))));
        if (follower is null)
            return null;
        return later.FirstOrDefault(n => n.StartedAt >= follower.StartedAt && n.Outcome == DeploymentOutcome.Succeeded) is { } recovered
            ? recovered.FinishedAt!.Value - d.FinishedAt!.Value
            : NotYet;
    }

    private static TimeSpan? Median(List<TimeSpan> values)
    {
        if (values.Count == 0)
            return null;
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
