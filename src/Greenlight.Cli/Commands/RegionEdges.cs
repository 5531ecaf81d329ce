using Greenlight.Core.Traffic;
using Greenlight.Core.Workspaces;
using Greenlight.Engine.Delivery;
using Greenlight.Server.Edge;
using Greenlight.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenlight.Cli.Commands;

/// <summary>The edges of the regions of a workspace's apps with environments, one supervised process each, in
/// <c>.greenlight/edges/&lt;environment&gt;.&lt;region&gt;/</c>: one region's data plane failing leaves the others serving.
/// Those of the manifests read at start-up start then; a region added to a manifest later gets its edge when a release
/// first brings it (<see cref="LateRegionRouter"/>), supervised and stopped like the others.</summary>
internal sealed class RegionEdges : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EdgeWatch> _edges = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly ControllerFiles _files;
    private readonly IReadOnlyList<string> _self;
    private readonly ILoggerFactory _logs;
    private readonly CancellationToken _running;

    private RegionEdges(ControllerFiles files, IReadOnlyList<string> self, ILoggerFactory logs, CancellationToken running) =>
        (_files, _self, _logs, _running) = (files, self, logs, running);

    /// <param name="ct">Lives as long as `up`: an edge started later is started on it, not on the request that needed it.</param>
    public static async Task<RegionEdges> SuperviseAsync(Workspace workspace, ControllerFiles files, IReadOnlyList<string> self, ILoggerFactory logs, CancellationToken ct)
    {
        var set = new RegionEdges(files, self, logs, ct);
        try
        {
            foreach (var app in workspace.Apps.Where(a => !Lanes.IsImplicit(a)))
                foreach (var (environment, region, _) in Lanes.Regions(app))
                    await set.StartAsync(environment, region, "", ct);
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
            : new LateRegionRouter(async () => (await StartAsync(environment, region, " (new in the manifest)", _running)).Router);

    /// <summary>The region's edge: adopted or started once, then the same one.</summary>
    private async Task<EdgeWatch> StartAsync(string environment, string region, string why, CancellationToken ct)
    {
        var key = Lanes.Key(environment, region);
        if (_edges.TryGetValue(key, out var known))
            return known;
        await _starting.WaitAsync(ct);
        try
        {
            if (_edges.TryGetValue(key, out known))
                return known;
            var edge = await EdgeSupervisor.SuperviseAsync(EdgeSupervisor.StateDirectoryOf(_files, environment, region), _self, TimeProvider.System, _logs, _running);
            _edges[key] = edge;
            _logs.CreateLogger("greenlight").LogInformation("{Action} edge of {Region}{Why}: pid {Pid}, admin API and /metrics at {Admin}",
                edge.Adopted ? "adopted" : "started", key, why, edge.Connection.Pid, edge.Connection.AdminAddress);
            return edge;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var edge in _edges.Values)
            await edge.DisposeAsync();
    }
}
