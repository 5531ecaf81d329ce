using Greenlight.Core.Manifest;
using Greenlight.Engine.Sources;
using Greenlight.Providers.Targets.Process;

namespace Greenlight.Cli.Demo.Waves;

/// <summary>
/// The sample shop with a staging region and three production regions in waves, written to a file as a user would
/// write it; each release edits the production bake and reads the file again, so it carries a manifest of its own.
/// </summary>
internal sealed class WavesManifest(string file, string shop)
{
    // Free ports picked once: each region keeps its edge from one release to the next.
    private readonly string[] _listen = [.. Enumerable.Range(0, 4).Select(_ => $"127.0.0.1:{LoopbackPort.PickFree()}")];

    public string File => file;

    /// <summary>Writes the manifest with a production bake of <paramref name="bake"/> (the manifest's notation) and reads it back.</summary>
    public async Task<ManifestSnapshot> WriteAsync(string bake, CancellationToken ct)
    {
        await System.IO.File.WriteAllTextAsync(file, Text(bake), ct);
        var read = await ManifestFile.ReadAsync(file, ct);
        return read.Snapshot ?? throw new ManifestException(read.Errors);
    }

    private string Text(string bake) => $$"""
        # Written by `greenlight demo --waves`: the sample shop through staging, then production in waves.
        app: shop
        run:
          command: dotnet
          args: [bin/Release/net10.0/Shop.dll]
          workingDirectory: {{shop}}
          env:
            SHOP_VERSION: ${version}
          stopTimeout: 5s
        health:
          path: /health
          timeout: 10s
        strategy:
          blueGreen:
            warmFor: 1h
        reconcile: auto
        environments:
          - name: staging
            regions:
              - name: local
                edge:
                  listen: {{_listen[0]}}
          - name: production
            regions:
              - name: one-box
                edge:
                  listen: {{_listen[1]}}
              - name: eu-west
                edge:
                  listen: {{_listen[2]}}
              - name: us-east
                edge:
                  listen: {{_listen[3]}}
            waves: [[one-box], [eu-west, us-east]]
            bake: {{bake}}
        """;
}
