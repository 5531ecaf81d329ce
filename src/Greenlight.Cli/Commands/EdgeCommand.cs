using System.CommandLine;
using Greenlight.Cli.Output;
using Greenlight.Edge;
using Greenlight.Server.Hosting;

namespace Greenlight.Cli.Commands;

internal static class EdgeCommand
{
    public static Command Create()
    {
        var stateDir = new Option<DirectoryInfo?>("--state-dir") { Description = "Route table, admin address and token (default: .greenlight/edge beside the manifest)" };
        var admin = new Option<string>("--admin") { Description = "Loopback host:port of the admin API; port 0 picks one", DefaultValueFactory = _ => "127.0.0.1:0" };
        var command = new Command("edge", "Run the edge router alone: public listeners per app, admin API, last route table restored") { stateDir, admin };
        command.SetAction(async (result, ct) =>
        {
            var dir = result.GetValue(stateDir)?.FullName ?? EdgeSupervisor.StateDirectoryOf(ControllerFiles.ForManifest(result.GetValue(CommonOptions.File)!.FullName));
            using var logs = Logging.Console();
            await EdgeServer.RunAsync(new EdgeOptions { StateDirectory = dir, AdminListen = result.GetValue(admin)! }, logs, ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
