using System.CommandLine;
using System.Globalization;
using Greenlight.Cli.Output;
using Greenlight.Edge;
using Greenlight.Server.Edge;
using Greenlight.Server.Hosting;

namespace Greenlight.Cli.Commands;

internal static class EdgeCommand
{
    public static Command Create()
    {
        var stateDir = new Option<DirectoryInfo?>("--state-dir")
        {
            Description = "Route table, admin address and token (default: .greenlight/edge beside the manifest)",
            Recursive = true,
        };
        var admin = new Option<string>("--admin") { Description = "Loopback host:port of the admin API; port 0 picks one", DefaultValueFactory = _ => "127.0.0.1:0" };
        var standbyFor = new Option<int?>("--standby-for")
        {
            Description = "Start warm and wait; take over the moment the edge serving --state-dir dies. Ends when its parent, this controller pid, does",
        };
        var takeOver = new Option<bool>("--take-over")
        {
            Description = "Take over the listening sockets, admin address and route table of the edge serving --state-dir (a restart that loses no request); it drains and exits",
        };
        var command = new Command("edge", "Run the edge router alone: public listeners per app, admin API, last route table restored")
        {
            stateDir, admin, standbyFor, takeOver, Restart(stateDir),
        };
        command.SetAction(async (result, ct) =>
        {
            var dir = StateDirectory(result, stateDir);
            using var logs = Logging.Console();
            var options = new EdgeOptions { StateDirectory = dir, AdminListen = result.GetValue(admin)! };
            try
            {
                if (result.GetValue(standbyFor) is { } controller)
                    await EdgeServer.StandbyAsync(options, () => ParentPid() == controller, logs, ct);
                else if (result.GetValue(takeOver))
                    await EdgeServer.RunTakingOverAsync(options, logs, ct);
                else
                    await EdgeServer.RunAsync(options, logs, ct);
            }
            // A route table it cannot trust, or a state directory in use: one line saying which, for the supervisor to report.
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Error;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>greenlight edge restart</c>: exits 0 once the new edge serves, 1 with the reason otherwise (the old one serves on).</summary>
    private static Command Restart(Option<DirectoryInfo?> stateDir)
    {
        var restart = new Command("restart",
            "Restart the running edge without losing a request: a new edge process of this greenlight takes over its listening sockets, admin address and route table; the old one stops accepting, drains and exits");
        restart.SetAction(async (result, ct) =>
        {
            try
            {
                var (old, edge) = await EdgeSupervisor.RestartAsync(StateDirectory(result, stateDir), UpSession.Self(), TimeProvider.System, ct);
                Console.WriteLine($"edge restarted: pid {edge.Connection.Pid} took over from pid {old} (admin API {edge.Connection.AdminAddress}); pid {old} drains its in-flight requests and exits");
                return ExitCodes.Ok;
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"error: the edge was not restarted: {e.Message}");
                return ExitCodes.Error;
            }
        });
        return restart;
    }

    private static string StateDirectory(ParseResult result, Option<DirectoryInfo?> stateDir) =>
        result.GetValue(stateDir)?.FullName ?? EdgeSupervisor.StateDirectoryOf(ControllerFiles.ForManifest(result.GetValue(CommonOptions.File)!.FullName));

    /// <summary>Field 4 of /proc/self/stat; it changes when the parent dies and the process is adopted.</summary>
    private static int ParentPid()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }
}
