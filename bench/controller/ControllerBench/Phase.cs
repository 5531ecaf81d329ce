namespace ControllerBench;

/// <summary>One measured release of every app: how long until all served it, the controller's CPU, the delays per transition.</summary>
internal sealed record Phase(
    TimeSpan Measured,
    TimeSpan Cpu,
    IReadOnlyList<double> Decision,
    IReadOnlyList<double> Effect,
    IReadOnlyList<double> Reaction,
    IReadOnlyList<double> Settled)
{
    public int Transitions => Decision.Count;

    public double TransitionsPerSecond => Transitions / Measured.TotalSeconds;

    public double P99Reaction => Delays.Percentile(Reaction, 99);

    /// <summary>Releases <paramref name="version"/> of every app (at once, or spread over a window) and measures it.</summary>
    public static async Task<Phase> MeasureAsync(Fleet fleet, Delays delays, string version, TimeSpan limit, TimeSpan? spread)
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        delays.Recording = true;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await fleet.ReleaseAllAsync(version, limit, CancellationToken.None, spread);
        var measured = clock.Elapsed;
        delays.Recording = false;
        var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var (decision, effect, reaction) = delays.Take();
        return new Phase(measured, used, decision, effect, reaction, [.. fleet.Settled.Order()]);
    }
}
