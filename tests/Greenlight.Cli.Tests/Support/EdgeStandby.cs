using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Support;

/// <summary>The warm standby edge `up` keeps beside the edge of a workspace.</summary>
internal static class EdgeStandby
{
    /// <summary>Its pid once it runs, within <paramref name="limit"/>. A standby that took over keeps its command line, so the
    /// edge serving (<paramref name="servingPid"/>) is left out.</summary>
    public static async Task<int> PidAsync(CliWorkspace ws, int servingPid, TimeSpan limit)
    {
        // Arguments are NUL-separated in a command line: the directory as a whole argument, then the standby's flag.
        var directory = Path.Combine(ws.Directory, ".greenlight", "edge");
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (MarkedProcesses.FindByCommandLine($"\0{directory}\0").Intersect(MarkedProcesses.FindByCommandLine("\0--standby-for\0")).Except([servingPid]).ToList() is [var pid])
                return pid;
            Assert.True(DateTime.UtcNow < deadline, $"no standby edge beside pid {servingPid} within {limit.TotalSeconds:0} s");
            await Task.Delay(50, ws.Cancellation);
        }
    }
}
