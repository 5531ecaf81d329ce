using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Traffic;
using Greenlight.Core.Workspaces;
using Greenlight.Engine.Delivery;
using Greenlight.Server.Edge;
using Greenlight.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenlight.Cli.Commands;

/// <summary>The edges of the regions of a workspace's apps with environments, one supervised process each, in
/// <c>.greenlight/edges/&lt;environment&gt;.&lt;region&gt;/</c>: one region's data plane failing leaves the others serving.</summary>
internal sealed class RegionEdges : IAsyncDisposable
{
    private readonly Dictionary<string, EdgeWatch> _edges = [];

    public static async Task<RegionEdges> SuperviseAsync(Workspace workspace, ControllerFiles files, IReadOnlyList<string> self, ILoggerFactory logs, CancellationToken ct)
    {
        var set = new RegionEdges();
        var log = logs.CreateLogger("greenlight");
        try
        {
            foreach (var app in workspace.Apps.Where(a => !Lanes.IsImplicit(a)))
                foreach (var (environment, region, _) in Lanes.Regions(app))
                {
                    var key = Lanes.Key(environment, region);
                    if (set._edges.ContainsKey(key))
                        continue;
                    var edge = await EdgeSupervisor.SuperviseAsync(EdgeSupervisor.StateDirectoryOf(files, environment, region), self, TimeProvider.System, logs, ct);
                    set._edges[key] = edge;
                    log.LogInformation("{Action} edge of {Region}: pid {Pid}, admin API and /metrics at {Admin}",
                        edge.Adopted ? "adopted" : "started", key, edge.Connection.Pid, edge.Connection.AdminAddress);
                }
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
        return set;
    }

    public ITrafficRouter Router(string environment, string region) =>
        _edges.TryGetValue(Lanes.Key(environment, region), out var edge) ? edge.Router
            : throw new CliException(ExitCodes.Rejected, $"no edge runs for region {environment}/{region}: restart `greenlight up`");

    public async ValueTask DisposeAsync()
    {
        foreach (var edge in _edges.Values)
            await edge.DisposeAsync();
    }
}
