using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

public sealed class InputErrorTests
{
    [Fact]
    public async Task Validate_ManifestWithSeveralProblems_ReportsEveryOneWithLineAndColumnAndExits2()
    {
        using var ws = new CliWorkspace();
        await File.WriteAllTextAsync(ws.ManifestPath, """
            app: Shop
            run:
              command: dotnet
              stopTimeout: soon
            edge:
              listen: 127.0.0.1:99999
            colour: green
            """);

        var result = await ws.RunAsync("validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("greenlight.yaml:1:6: app:", result.Stderr);
        Assert.Contains("greenlight.yaml:4:16: run.stopTimeout:", result.Stderr);
        Assert.Contains("greenlight.yaml:6:11: edge.listen:", result.Stderr);
        Assert.Contains("greenlight.yaml:7:1: colour:", result.Stderr);
        Assert.Contains("4 problems", result.Stderr);
    }

    [Fact]
    public async Task Validate_100KBOfNestedLists_ReportsFileLineAndColumnAndExits2()
    {
        using var ws = new CliWorkspace();
        await File.WriteAllTextAsync(ws.ManifestPath,
            $"app: shop\nrun:\n  command: dotnet\nedge:\n  listen: {ws.Listen}\ntags: {new string('[', 50_000)}{new string(']', 50_000)}\n");

        var result = await ws.RunAsync("validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("greenlight.yaml:6:262: found a list nested more than 256 levels deep, expected at most 256 levels of nesting", result.Stderr);
        Assert.DoesNotContain("Stack overflow", result.Stderr);
    }

    [Fact]
    public async Task Validate_OutputPipedToAFile_IsNotWrapped()
    {
        using var ws = new CliWorkspace();
        var longName = Path.Combine(ws.Directory, new string('m', 90) + ".yaml");
        File.Copy(ws.ManifestPath, longName);

        var result = await ws.RunAsync("validate", "-f", longName);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{Path.GetFileName(longName)}: app ", Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Validate_JsonOutput_ListsErrorsWithTheirPositions()
    {
        using var ws = new CliWorkspace();
        await File.WriteAllTextAsync(ws.ManifestPath, "app: shop\n");

        var result = await ws.RunAsync("validate", "--output", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"valid\": false", result.Stdout);
        Assert.Contains("\"path\": \"run\"", result.Stdout);
    }

    [Fact]
    public async Task Deploy_WithoutAController_SaysHowToStartOneAndExits5()
    {
        using var ws = new CliWorkspace();
        var result = await ws.RunAsync("deploy", "1.0");
        Assert.Equal(5, result.ExitCode);
        Assert.Contains("greenlight up", result.Stderr);
    }

    [Fact]
    public async Task Deploy_UnknownOption_IsRejectedWithExit2()
    {
        using var ws = new CliWorkspace();
        var result = await ws.RunAsync("deploy", "1.0", "--colour");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--colour", result.Stderr);
    }
}
