using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Greenlight.Cli.Commands;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Edge;
using Greenlight.Engine.Control;
using Greenlight.Providers.Targets;
using Greenlight.Providers.Targets.Process;
using Greenlight.Providers.Traffic.Edge;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace Greenlight.Cli.Demo;

internal static class DemoCommand
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var waves = new Option<bool>("--waves")
        {
            Description = "Instead: staging, then production's regions in waves; a faulty version caught by the one-box's bake, a good one baked everywhere, a killed revision found as drift and healed",
        };
        var command = new Command("demo", "Release the sample shop under load: blue-green, a failed release, a rollback, a bad canary pulled back, a good one promoted")
        {
            waves,
        };
        command.SetAction(async (result, ct) =>
        {
            var console = result.IsJson() ? null : AnsiConsole.Console;
            if (result.GetValue(waves))
                return await WavesAsync(console, ct);
            var summary = await RunAsync(console, ct);
            if (console is null)
                Console.Out.WriteLine(JsonSerializer.Serialize(summary, SnakeCase));
            else
                DemoReport.Print(summary);
            return summary.Succeeded ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }

    private static async Task<int> WavesAsync(IAnsiConsole? console, CancellationToken ct)
    {
        var summary = await Waves.WavesDemo.RunAsync(console, ct);
        if (console is null)
            Console.Out.WriteLine(JsonSerializer.Serialize(summary, SnakeCase));
        else
            Waves.WavesReport.Print(summary);
        return summary.Succeeded ? ExitCodes.Ok : ExitCodes.Error;
    }

    private static async Task<DemoSummary> RunAsync(IAnsiConsole? console, CancellationToken ct)
    {
        var shop = ShopSource.Find();
        console?.MarkupLine("[grey]building samples/shop …[/]");
        await ShopSource.BuildAsync(shop, ct);
        // A free public port so the demo never collides with a real edge; a short health timeout so the bad release fails fast.
        var listen = new EdgeSpec($"127.0.0.1:{LoopbackPort.PickFree()}");
        AppManifest Sample(string file)
        {
            var sample = ManifestLoader.Load(Path.Combine(shop, file)).GetOrThrow();
            // Changed in code, so no longer what the file says: each release brings it as a snapshot of its own.
            return sample with { Edge = listen, Health = sample.Health with { Timeout = TimeSpan.FromSeconds(3) }, SourceFile = null };
        }
        var (blueGreen, canary) = (Sample("greenlight.yaml"), Sample("greenlight.canary.yaml"));
        var workspace = Directory.CreateTempSubdirectory("greenlight-demo-").FullName;
        try
        {
            await using var edge = await EdgeServer.StartAsync(new EdgeOptions { StateDirectory = Path.Combine(workspace, "edge") }, cancellationToken: ct);
            var router = new EdgeConnection(edge.AdminAddress, edge.Token, Environment.ProcessId).CreateRouter();
            var target = DeploymentTargets.Create("process", TimeProvider.System, NullLoggerFactory.Instance);
            async Task<ReleaseController> StartController(AppManifest manifest)
            {
                var controller = new ReleaseController(new ControllerOptions { Manifest = manifest, StateDirectory = workspace, Router = router, Target = target });
                await controller.StartAsync(ct);
                return controller;
            }
            await using var load = new LoadGenerator(new Uri($"http://{listen.Listen}/"), workers: 6, pause: TimeSpan.FromMilliseconds(2));
            var scenario = new DemoScenario(StartController, load, console);
            try
            {
                return await scenario.PlayAsync(blueGreen, canary, ct);
            }
            finally
            {
                await load.StopAsync();
                if (scenario.Controller is { } controller)
                {
                    await controller.DisposeAsync();
                    await controller.StopAllRevisionsAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

}
