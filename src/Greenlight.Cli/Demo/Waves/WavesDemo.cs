using Greenlight.Core.Traffic;
using Greenlight.Edge;
using Greenlight.Engine.Control;
using Greenlight.Engine.Delivery;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Traffic.Edge;
using Spectre.Console;

namespace Greenlight.Cli.Demo.Waves;

/// <summary>
/// `greenlight demo --waves`: the sample shop through staging and three production regions in waves, each region with
/// its own edge server and revisions, under load through every edge. Stops and deletes everything it started.
/// </summary>
internal static class WavesDemo
{
    public static async Task<WavesSummary> RunAsync(IAnsiConsole? console, CancellationToken ct)
    {
        var shop = ShopSource.Find();
        console?.MarkupLine("[grey]building samples/shop …[/]");
        await ShopSource.BuildAsync(shop, ct);
        var workspace = Directory.CreateTempSubdirectory("greenlight-demo-waves-").FullName;
        var edges = new Dictionary<string, EdgeServer>();
        var loads = new Dictionary<string, LoadGenerator>();
        AppControllers? controllers = null;
        using var logs = Output.Logging.Errors();
        try
        {
            var manifest = new WavesManifest(Path.Combine(workspace, "greenlight.yaml"), shop);
            var app = (await manifest.WriteAsync("0s", ct)).Manifest!;
            foreach (var (environment, region, edge) in Lanes.Regions(app))
            {
                var key = Lanes.Key(environment, region);
                edges[key] = await EdgeServer.StartAsync(new EdgeOptions { StateDirectory = Path.Combine(workspace, "edges", $"{environment}.{region}") }, cancellationToken: ct);
                loads[key] = new LoadGenerator(new Uri($"http://{edge.Listen}/"), workers: 2, pause: TimeSpan.FromMilliseconds(5));
            }
            controllers = await AppControllers.StartAsync([app], new ControllerOptions
            {
                Manifest = app,
                StateDirectory = workspace,
                Router = Router(edges.Values.First()),
                Target = DeploymentTargets.Create("process", TimeProvider.System, logs),
                LoggerFactory = logs,
            }, (environment, region) => Router(edges[Lanes.Key(environment, region)]), ct);
            return await new WavesScenario(controllers.DeliveryOf(app.App), manifest, loads, console).PlayAsync(ct);
        }
        finally
        {
            foreach (var load in loads.Values)
                await load.DisposeAsync();
            if (controllers is not null)
            {
                var lanes = controllers.All;
                await controllers.DisposeAsync();
                foreach (var lane in lanes)
                    await lane.StopAllRevisionsAsync(CancellationToken.None);
            }
            foreach (var edge in edges.Values)
                await edge.DisposeAsync();
            Directory.Delete(workspace, recursive: true);
        }
    }

    private static ITrafficRouter Router(EdgeServer edge) => new EdgeConnection(edge.AdminAddress, edge.Token, Environment.ProcessId).CreateRouter();
}
