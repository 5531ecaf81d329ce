using System.CommandLine;
using System.Net;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Engine.Control;
using Greenlight.Engine.Delivery;
using Greenlight.Engine.State;
using Greenlight.Providers.Targets;
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
        var leaseTtl = new Option<int>("--lease-ttl")
        {
            Description = "With a PostgreSQL state store: seconds the leader's lease lasts without a renewal (1-300). A follower takes over within about this long after the leader dies",
            DefaultValueFactory = _ => 5,
        };
        leaseTtl.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 300)
                r.AddError($"--lease-ttl {r.GetValueOrDefault<int>()}: expected whole seconds from 1 to 300");
        });
        var state = StateOption.Create();
        var command = new Command("up", "Run the controller in the foreground; starts or adopts the edge and restarts it if it dies, resumes unfinished releases")
        {
            listen, allowRemote, edgeAdmin, state, CommonOptions.EdgesDir, leaseTtl,
        };
        command.SetAction(async (result, ct) =>
        {
            var address = result.GetValue(listen)!;
            var remote = !IsLoopback(address);
            if (remote && !result.GetValue(allowRemote))
                throw new CliException(ExitCodes.Rejected,
                    $"--listen {address} is not a loopback address: other machines could reach the controller's API. Pass --allow-remote as well if that is what you want");
            var workspace = ManifestReport.LoadWorkspace(result);
            var files = CommonOptions.FilesOf(result);
            var targetName = TargetName(workspace.Apps);
            var location = StateOption.Resolve(result, state, files.StateDirectory);
            await using var opened = await StateOption.GuardAsync(() => ControllerState.OpenAsync(location, files.StateDirectory, TimeProvider.System, ct));
            // So that `down`, `audit` and the other commands of this directory find the same state.
            location.Record(files.StateDirectory);
            using var logs = Logging.Console();
            var log = logs.CreateLogger("greenlight");
            log.LogInformation("state: {State}", location); // never with a password
            if (remote)
                log.LogWarning("the controller's API listens on {Address}, reachable from other machines; every call needs a token with a role (.greenlight/token is the admin one)", address);
            var up = new UpSession(workspace, files, opened, targetName, address, result.GetValue(edgeAdmin), logs, log);
            try
            {
                if (opened.Lease is not null)
                    await up.RunGroupAsync(c => StateOption.GuardAsync(() => ControllerState.OpenAsync(location, files.StateDirectory, TimeProvider.System, c)),
                        TimeSpan.FromSeconds(result.GetValue(leaseTtl)), ct);
                else
                    await up.LeadAsync(null, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            log.LogInformation("controller stopping; the edge and the revisions keep serving (`greenlight down` stops them too)");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <exception cref="CliException">The apps name different targets: nothing was started.</exception>
    /// <summary>The one target the apps run on; a kubernetes app is refused: the engine still probes revisions and runs
    /// pre-flip checks at 127.0.0.1:port, which a Service in a cluster is not (see docs/targets.md).</summary>
    internal static string TargetName(IReadOnlyList<Core.Manifest.AppManifest> apps)
    {
        try
        {
            var name = DeploymentTargets.NameFor(apps);
            if (name == Core.Manifest.RunSpec.KubernetesTarget)
                throw new CliException(ExitCodes.Rejected,
                    $"{apps.First(a => a.Run.Target == name).App}: run.target is kubernetes, and `greenlight up` does not drive kubernetes apps yet; "
                    + "`greenlight render k8s` prints the manifests Greenlight would apply, for kubectl (docs/targets.md)");
            return name;
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Rejected, e.Message);
        }
    }

    /// <summary>localhost, 127.x or ::1; a name that may resolve elsewhere, 0.0.0.0, * and + are not.</summary>
    private static bool IsLoopback(string listen)
    {
        var colon = listen.LastIndexOf(':');
        var host = (colon > 0 ? listen[..colon] : listen).Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
