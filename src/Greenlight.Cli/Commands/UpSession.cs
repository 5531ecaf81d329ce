using System.Reflection;
using Greenlight.Core.Workspaces;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Traffic;
using Greenlight.Server.Edge;
using Greenlight.Server.Hosting;
using Greenlight.Server.Hosting.Failover;
using Microsoft.Extensions.Logging;

namespace Greenlight.Cli.Commands;

/// <summary>What `greenlight up` runs: the edge, the region edges and the controller, as the only controller of its state
/// or as the leader of a failover group; or, in a failover group, a follower's read-only API until it takes the lease.</summary>
internal sealed class UpSession(Workspace workspace, ControllerFiles files, ControllerState initial, string target, string listen, string? edgeAdmin, ILoggerFactory logs, ILogger log)
{
    /// <summary>Leads until <paramref name="ct"/> ends: supervises (adopts or starts) the edges and drives the releases.</summary>
    public async Task LeadAsync(FailoverRole? role, CancellationToken ct)
    {
        await using var edge = await EdgeSupervisor.SuperviseAsync(EdgeSupervisor.StateDirectoryOf(files), Self(), TimeProvider.System, logs, ct, edgeAdmin);
        log.LogInformation("{Action} edge pid {Pid}, admin API and /metrics at {Admin}", edge.Adopted ? "adopted" : "started", edge.Connection.Pid, edge.Connection.AdminAddress);
        // Each region of an app with environments is its own blast radius: its own edge process, shared by the apps there.
        await using var regions = await RegionEdges.SuperviseAsync(workspace, files, Self(), logs, ct);
        await using var host = await ControllerHost.StartAsync(Options(TrafficRouters.ForApps(workspace.Apps, edge.Router, files.EdgeRoot, TimeProvider.System)), workspace.Apps, listen, ct, () => edge.Report, regions.Router, role);
        Started(host);
        foreach (var app in workspace.Apps)
            foreach (var (environment, region, place) in Engine.Delivery.Lanes.Regions(app))
                log.LogInformation("controller for {App} ({Environment}/{Region}) listening on {Address}; public traffic on http://{Listen}/",
                    app.App, environment, region, host.Address, place.Listen);
        log.LogInformation("Ctrl+C stops the controller only: the edge and the revisions keep serving");
        await Task.Delay(Timeout.Infinite, ct);
    }

    /// <summary>In a failover group: follows until the lease is free, leads until it is lost, and follows again; until
    /// <paramref name="ct"/> ends, when a leader gives the lease up at once for a follower to take.</summary>
    /// <param name="reopen">Opens the shared state afresh. Each term of leadership has a state of its own: the lease taken
    /// fences that state's writes, and the state is closed with the term, so nothing a deposed leader left behind writes again.</param>
    public async Task RunGroupAsync(Func<CancellationToken, Task<ControllerState>> reopen, TimeSpan ttl, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await TermAsync(_state.Lease!, ttl, ct);
                var ended = _state;
                _state = await reopen(ct);
                if (ended != _initial)
                    await ended.DisposeAsync();
            }
        }
        finally
        {
            if (_state != _initial)
                await _state.DisposeAsync();
        }
    }

    private readonly ControllerState _initial = initial;
    private ControllerState _state = initial;

    /// <summary>Follows until this controller takes the lease, then leads until it is lost or <paramref name="ct"/> ends.</summary>
    private async Task TermAsync(IControllerLease lease, TimeSpan ttl, CancellationToken ct)
    {
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{files.StateDirectory}";
        LeaseGrant grant;
        Leadership leadership;
        await using (var follower = await ControllerHost.StartAsync(Options(FollowerRouter.Instance), workspace.Apps, listen, ct,
            failover: new FailoverRole(lease, leadership = new Leadership(lease, holder, Address, ttl, TimeProvider.System, log), Leads: false)))
        {
            Started(follower);
            log.LogInformation("following on {Address}: reads are served from the shared store, changes go to the leader", follower.Address);
            grant = await leadership.AcquireAsync(ct);
        }
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var release = new CancellationTokenSource();
        var holding = Task.Run(async () =>
        {
            await leadership.HoldAsync(grant, release.Token);
            await lost.CancelAsync();
        }, CancellationToken.None);
        try
        {
            await LeadAsync(new FailoverRole(lease, leadership, Leads: true), lost.Token);
        }
        // Its lanes stop on the cancellation, or on a write the store refused because the lease was gone.
        catch (Exception e) when (lost.IsCancellationRequested && !ct.IsCancellationRequested && e is OperationCanceledException or StateFencedException)
        {
            log.LogWarning("stepped down: this controller no longer leads; following again");
        }
        finally
        {
            // Only now, with every lane stopped, may a follower take over: a clean stop hands the lease on at once.
            await release.CancelAsync();
            await holding;
        }
        ct.ThrowIfCancellationRequested();
    }

    private ControllerOptions Options(Core.Traffic.ITrafficRouter router) => new()
    {
        Manifest = workspace.Apps[0],
        StateDirectory = files.StateDirectory,
        Router = router,
        Target = DeploymentTargets.Create(target, TimeProvider.System, logs),
        LoggerFactory = logs,
        State = _state,
    };

    private Uri? _address;

    /// <summary>The API keeps the port it first got across role changes, so the address followers give stays true.</summary>
    private void Started(ControllerHost host)
    {
        // On stdout, never through the logger: a secret must not reach a log. Shown this once; the file keeps it.
        if (host.FirstToken is { } token)
            Console.Out.WriteLine($"created the user admin and its token, shown this once and kept (0600) in {files.TokenPath}:\n{token}");
        _address = host.Address;
        if (listen.EndsWith(":0", StringComparison.Ordinal))
            listen = $"{listen[..^2]}:{host.Address.Port}";
    }

    private Uri Address() => _address ?? new Uri($"http://{listen}/");

    /// <summary>How to start this very program again (as the apphost, or as dotnet plus the assembly).</summary>
    /// <summary>How to run this greenlight again: the program and, under dotnet, the assembly.</summary>
    internal static IReadOnlyList<string> Self()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, Assembly.GetEntryAssembly()!.Location] : [host];
    }
}
