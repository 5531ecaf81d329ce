namespace Greenlight.Edge.Routing;

/// <summary>
/// nginx's smooth weighted round-robin: every step adds each weight to its peer's current value,
/// picks the largest (first on ties) and subtracts the total from it. The sequence is periodic
/// (period = sum of weights / their gcd), so small periods are precomputed once and a request only
/// pays one Interlocked.Increment; huge periods fall back to the live algorithm under a lock.
/// Either way the n-th pick of a table is the same, which makes splits exact and deterministic.
/// </summary>
internal sealed class SmoothWeightedRoundRobin
{
    internal const int MaxSchedule = 4096;

    private readonly int[] _peers;      // indices of the positive-weight entries, in input order
    private readonly int[] _weights;
    private readonly int[]? _schedule;  // precomputed picks (indices into the input), one period
    private readonly long[]? _current;  // live state when the period is too long to precompute
    private readonly long _total;
    private long _sequence = -1;

    public SmoothWeightedRoundRobin(IReadOnlyList<int> weights)
    {
        var peers = new List<int>();
        long total = 0, gcd = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] <= 0) continue;
            peers.Add(i);
            total += weights[i];
            gcd = Gcd(gcd, weights[i]);
        }

        _peers = [.. peers];
        _weights = [.. peers.Select(p => (int)(weights[p] / gcd))];
        _total = gcd == 0 ? 0 : total / gcd;
        if (_total <= MaxSchedule) _schedule = Precompute();
        else _current = new long[_peers.Length];
    }

    public bool IsEmpty => _peers.Length == 0;

    /// <summary>The index (into the weights given) of the next pick, or -1 when no weight is positive.</summary>
    public int Next()
    {
        if (_schedule is { } schedule)
        {
            if (schedule.Length == 0) return -1;
            var n = (ulong)Interlocked.Increment(ref _sequence);
            return schedule[(int)(n % (ulong)schedule.Length)];
        }

        lock (_current!)
        {
            return _peers[Step(_current)];
        }
    }

    private int[] Precompute()
    {
        var current = new long[_peers.Length];
        var schedule = new int[_total];
        for (var i = 0; i < schedule.Length; i++) schedule[i] = _peers[Step(current)];
        return schedule;
    }

    private int Step(long[] current)
    {
        var best = 0;
        for (var i = 0; i < current.Length; i++)
        {
            current[i] += _weights[i];
            if (current[i] > current[best]) best = i;
        }

        current[best] -= _total;
        return best;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
