using Greenlight.Core.Analysis;

namespace Greenlight.Core.Tests.Analysis;

/// <summary>
/// How one simulated revision behaves: its error rate and a factor on every request's latency; one that starts
/// cold is <paramref name="ColdExtra"/> slower still at first, the extra decaying with time constant <paramref name="ColdSeconds"/>.
/// </summary>
internal sealed record Behaviour(double ErrorRate, double LatencyScale = 1, double ColdExtra = 0, double ColdSeconds = 1)
{
    public double ScaleAt(int second) => LatencyScale * (1 + ColdExtra * Math.Exp(-second / ColdSeconds));
}

/// <summary>
/// Seeded traffic for the judge tests, one simulated second at a time: each request goes to the canary with
/// probability <c>weight</c>, fails with its revision's error rate and, when latency is simulated, takes a
/// lognormal time (median 50 ms, sigma 0.5: p99 about 160 ms). No real time passes.
/// </summary>
internal sealed class SimulatedTraffic(int seed, Behaviour canary, Behaviour stable, bool latency = false, double weight = 0.05, int perSecond = 100)
{
    /// <summary>The edge's latency buckets, +Inf last.</summary>
    public static readonly double[] Buckets = [.. LatencyBuckets.WithInfinity];

    private readonly Random _random = new(seed);
    private readonly Counts _canary = new(), _stable = new();
    private int _second;

    public RevisionSample Canary => _canary.Sample(latency);

    public RevisionSample Stable => _stable.Sample(latency);

    /// <summary>Looks once a second until the judge's first Fail or Pass, or gives up after <paramref name="maxSeconds"/>.</summary>
    public (Verdict Verdict, int Second, long CanaryRequests) RunUntilVerdict(IJudge judge, int maxSeconds = 600)
    {
        for (var second = 1; second <= maxSeconds; second++)
        {
            Advance();
            var verdict = judge.Judge(Canary, Stable).Verdict;
            if (verdict != Verdict.Inconclusive) return (verdict, second, _canary.Requests);
        }

        return (Verdict.Inconclusive, maxSeconds, _canary.Requests);
    }

    /// <summary>Looks once a second for <paramref name="seconds"/> and gives the last look's result.</summary>
    public JudgeResult Run(IJudge judge, int seconds)
    {
        JudgeResult? last = null;
        for (var second = 0; second < seconds; second++)
        {
            Advance();
            last = judge.Judge(Canary, Stable);
        }

        return last!;
    }

    public void Advance()
    {
        _second++;
        for (var i = 0; i < perSecond; i++)
        {
            var toCanary = _random.NextDouble() < weight;
            var behaviour = toCanary ? canary : stable;
            var error = _random.NextDouble() < behaviour.ErrorRate;
            var seconds = latency ? 0.05 * behaviour.ScaleAt(_second) * Math.Exp(0.5 * Gaussian()) : 0;
            (toCanary ? _canary : _stable).Record(error, seconds);
        }
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private sealed class Counts
    {
        private readonly long[] _buckets = new long[Buckets.Length];
        private long _errors;

        public long Requests { get; private set; }

        public void Record(bool error, double seconds)
        {
            Requests++;
            if (error) _errors++;
            var i = 0;
            while (Buckets[i] < seconds) i++;
            _buckets[i]++;
        }

        public RevisionSample Sample(bool latency)
        {
            if (!latency) return RevisionSample.Counts(Requests, _errors);
            var cumulative = new long[_buckets.Length];
            long sum = 0;
            for (var i = 0; i < cumulative.Length; i++) cumulative[i] = sum += _buckets[i];
            return new RevisionSample(Requests, _errors, new LatencyHistogram(Buckets, cumulative), null);
        }
    }
}
