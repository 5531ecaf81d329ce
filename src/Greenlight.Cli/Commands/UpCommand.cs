using System.CommandLine;
using System.Net;
using System.Reflection;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Engine.Control;
using Greenlight.Engine.Delivery;
using Greenlight.Providers.Targets;
using Greenlight.Server.Edge;
using Greenlight.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenlight.Cli.Commands;

internal static class UpCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "host:port of the controller's API (loopback; port 0 picks one)", DefaultValueFactory = _ => "127.0.0.1:0" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Let --listen name an address other machines can reach (the token still guards every call)" };
        var edgeAdmin = new Option<string?>("--edge-admin")
        {
            Description = "Loopback host:port of the edge's admin API and /metrics, e.g. 127.0.0.1:9464: a scrape target that stays put across edge restarts (default: a free port, see .greenlight/edge/admin.json)",
        };
        var command = new Command("up", "Run the controller in the foreground; starts or adopts the edge and restarts it if it dies, resumes unfinished releases")
        {
            listen, allowRemote, edgeAdmin,
        };
        command.SetAction(async (result, ct) =>
        {
            var address = result.GetValue(listen)!;
            var remote = !IsLoopback(address);
            if (remote && !result.GetValue(allowRemote))
                throw new CliException(ExitCodes.Rejected,
                    $"--listen {address} is not a loopback address: other machines could reach the controller's API. Pass --allow-remote as well if that is what you want");
            var workspace = ManifestReport.LoadWorkspace(result);
            // The controller still probes revisions and runs pre-flip checks at 127.0.0.1:port (see docs/targets.md).
            if (workspace.Apps.FirstOrDefault(a => a.Run.Target == Core.Manifest.RunSpec.KubernetesTarget) is { } inCluster)
                throw new CliException(ExitCodes.Rejected,
                    $"{inCluster.App}: `greenlight up` does not drive run.target kubernetes yet; `greenlight render k8s` prints what it would apply (docs/targets.md)");
            var files = ControllerFiles.ForManifest(result.GetValue(CommonOptions.File)!.FullName);
            using var logs = Logging.Console();
            var log = logs.CreateLogger("greenlight");
            if (remote)
                log.LogWarning("the controller's API listens on {Address}, reachable from other machines; every call needs a token with a role (.greenlight/token is the admin one)", address);
            await using var edge = await EdgeSupervisor.SuperviseAsync(EdgeSupervisor.StateDirectoryOf(files), Self(), TimeProvider.System, logs, ct, result.GetValue(edgeAdmin));
            log.LogInformation("{Action} edge pid {Pid}, admin API and /metrics at {Admin}", edge.Adopted ? "adopted" : "started", edge.Connection.Pid, edge.Connection.AdminAddress);
            // Each region of an app with environments is its own blast radius: its own edge process, shared by the apps there.
            await using var regions = await RegionEdges.SuperviseAsync(workspace, files, Self(), logs, ct);
            await using var host = await ControllerHost.StartAsync(new ControllerOptions
            {
                Manifest = workspace.Apps[0],
                StateDirectory = files.StateDirectory,
                Router = edge.Router,
                Target = DeploymentTargets.Create("process", TimeProvider.System, logs),
                LoggerFactory = logs,
            }, workspace.Apps, address, ct, () => edge.Report, regions.Router);
            // On stdout, never through the logger: a secret must not reach a log. Shown this once; the file keeps it.
            if (host.FirstToken is { } token)
                Console.Out.WriteLine($"created the user admin and its token, shown this once and kept (0600) in {files.TokenPath}:\n{token}");
            foreach (var app in workspace.Apps)
                foreach (var (environment, region, place) in Lanes.Regions(app))
                    log.LogInformation("controller for {App} ({Environment}/{Region}) listening on {Address}; public traffic on http://{Listen}/",
                        app.App, environment, region, host.Address, place.Listen);
            log.LogInformation("Ctrl+C stops the controller only: the edge and the revisions keep serving");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                log.LogInformation("controller stopping; the edge and the revisions keep serving (`greenlight down` stops them too)");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>localhost, 127.x or ::1; a name that may resolve elsewhere, 0.0.0.0, * and + are not.</summary>
    private static bool IsLoopback(string listen)
    {
        var colon = listen.LastIndexOf(':');
        var host = (colon > 0 ? listen[..colon] : listen).Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>How to start this very program again (as the apphost, or as dotnet plus the assembly).</summary>
    private static IReadOnlyList<string> Self()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, Assembly.GetEntryAssembly()!.Location] : [host];
    }
}
