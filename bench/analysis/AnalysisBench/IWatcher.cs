namespace AnalysisBench;

/// <summary>One way of judging a canary, fed the same simulated traffic as the others, second by second.</summary>
internal interface IWatcher
{
    /// <summary>Called after every simulated second; a decision ends this watcher's trial.</summary>
    Decision? Look(int second, RevisionTraffic canary, RevisionTraffic stable);
}

/// <summary>What a watcher did and when: roll back (on a verdict or a time-out) or promote.</summary>
internal sealed record Decision(bool RolledBack, string Reason, int Second, long CanaryRequests);
