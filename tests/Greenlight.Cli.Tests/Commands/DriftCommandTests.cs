using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight drift` against a real controller, edge and revision, with a file edited by hand after the release.</summary>
public sealed class DriftCommandTests
{
    [Fact]
    public async Task Drift_CleanRelease_Exit0_FileEditedAfterIt_Exit3WithTheFileNamedInTableJsonAndStatus()
    {
        // The revision runs in app/ beside the manifest, so that the test may edit one of its files.
        using var ws = new CliWorkspace(edit: text => text.Replace($"workingDirectory: {Path.GetDirectoryName(RepoPaths.ShopManifest)}", "workingDirectory: app"));
        var settings = Path.Combine(ws.Directory, "app", "settings.ini");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        await File.WriteAllTextAsync(settings, "mode=fast\n", ws.Cancellation);
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        var clean = await ws.RunAsync("drift");
        Assert.True(clean.ExitCode == 0, clean.Stdout + clean.Stderr);
        Assert.StartsWith("no drift in shop (reconcile: off, checked ", clean.Stdout);

        await File.WriteAllTextAsync(settings, "mode=edited-by-hand\n", ws.Cancellation);
        var table = await ws.RunAsync("drift");
        var json = await ws.RunAsync("drift", "--output", "json");
        var status = await ws.RunAsync("status");

        Assert.True(table.ExitCode == 3, table.Stdout + table.Stderr);
        Assert.Matches(@"│ shop +│ 1\.0 +│ files changed +│ files [0-9a-f]{7} \(\d+ files, as at its start\) +│ files [0-9a-f]{7}: changed settings\.ini +│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d +│ - +│", table.Stdout);
        Assert.Contains("shop: drifted (reconcile: off", table.Stdout);
        Assert.Equal(3, json.ExitCode);
        using var report = JsonDocument.Parse(json.Stdout);
        Assert.True(report.RootElement.GetProperty("drifted").GetBoolean());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("FilesChanged", finding.GetProperty("kind").GetString());
        Assert.Equal("1.0", finding.GetProperty("revision").GetString());
        Assert.EndsWith(": changed settings.ini", finding.GetProperty("found").GetString());
        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"drift: files changed 1\.0: expected files [0-9a-f]{7} .*, found files [0-9a-f]{7}: changed settings\.ini \(since ", status.Stdout);
        Assert.Equal("mode=edited-by-hand\n", await File.ReadAllTextAsync(settings, ws.Cancellation));
    }
}
