namespace AnalysisBench;

/// <summary>
/// One simulated canary analysis: every second 100 requests, each routed to the canary with probability 5%,
/// failing and taking time as its revision's behaviour says; every watcher looks at the same traffic.
/// No real time passes; the seed alone fixes the outcome.
/// </summary>
internal static class Trial
{
    public static string[] Methods { get; } = ["greenlight", "plain", "flagger", "mannwhitney"];

    public static Decision[] Run(Behaviour canaryBehaviour, int seed, IReadOnlyDictionary<string, string> latency)
    {
        var random = new Random(seed);
        var normal = new GaussianSource(random);
        var (canary, stable) = (new RevisionTraffic(), new RevisionTraffic());
        IWatcher[] watchers = [new GreenlightWatcher(latency), new GreenlightWatcher(GreenlightWatcher.Plain), new FlaggerWatcher(), new MannWhitneyWatcher()];
        var decisions = new Decision?[watchers.Length];

        for (var second = 1; decisions.Contains(null); second++)
        {
            for (var r = 0; r < World.RequestsPerSecond; r++)
            {
                var toCanary = random.NextDouble() < World.CanaryWeight;
                var behaviour = toCanary ? canaryBehaviour : Scenario.Stable;
                var error = random.NextDouble() < behaviour.ErrorRate;
                var seconds = World.MedianSeconds * behaviour.ScaleAt(second) * Math.Exp(World.Sigma * normal.Next());
                (toCanary ? canary : stable).Record(error, seconds);
            }

            for (var w = 0; w < watchers.Length; w++) decisions[w] ??= watchers[w].Look(second, canary, stable);
        }

        return decisions!;
    }

    /// <summary>Standard normal draws by the Box-Muller transform, two per pair of uniforms.</summary>
    private sealed class GaussianSource(Random random)
    {
        private double? _spare;

        public double Next()
        {
            if (_spare is { } spare)
            {
                _spare = null;
                return spare;
            }

            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            _spare = radius * Math.Sin(angle);
            return radius * Math.Cos(angle);
        }
    }
}
