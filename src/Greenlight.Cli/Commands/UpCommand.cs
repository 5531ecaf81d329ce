using System.CommandLine;
using System.Reflection;
using Greenlight.Cli.Output;
using Greenlight.Engine.Control;
using Greenlight.Providers.Targets;
using Greenlight.Server.Hosting;
using Microsoft.Extensions.Logging;

namespace Greenlight.Cli.Commands;

internal static class UpCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "host:port of the controller's API (loopback; port 0 picks one)", DefaultValueFactory = _ => "127.0.0.1:0" };
        var command = new Command("up", "Run the controller in the foreground; starts or adopts the edge, resumes unfinished releases") { listen };
        command.SetAction(async (result, ct) =>
        {
            var manifest = ManifestReport.Load(result);
            var files = ControllerFiles.ForManifest(result.GetValue(CommonOptions.File)!.FullName);
            using var logs = Logging.Console();
            var log = logs.CreateLogger("greenlight");
            var (edge, adopted) = await EdgeSupervisor.EnsureRunningAsync(EdgeSupervisor.StateDirectoryOf(files), Self(), TimeProvider.System, ct);
            log.LogInformation("{Action} edge pid {Pid}, admin {Admin}", adopted ? "adopted" : "started", edge.Pid, edge.AdminAddress);
            await using var host = await ControllerHost.StartAsync(new ControllerOptions
            {
                Manifest = manifest,
                StateDirectory = files.StateDirectory,
                Router = edge.CreateRouter(),
                Target = DeploymentTargets.Create("process", TimeProvider.System, logs),
                LoggerFactory = logs,
            }, result.GetValue(listen)!, ct);
            log.LogInformation("controller for {App} listening on {Address}; public traffic on http://{Listen}/ — Ctrl+C stops the controller only",
                manifest.App, host.Address, manifest.Edge.Listen);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                log.LogInformation("controller stopping; the edge and the revisions keep serving");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>How to start this very program again (as the apphost, or as dotnet plus the assembly).</summary>
    private static IReadOnlyList<string> Self()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet" ? [host, Assembly.GetEntryAssembly()!.Location] : [host];
    }
}
