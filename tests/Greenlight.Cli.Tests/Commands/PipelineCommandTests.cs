using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight pipeline` and a `deploy` gated by the pipeline, as separate processes on the real shop.</summary>
public sealed class PipelineCommandTests
{
    private static CliWorkspace WithPipeline(string stages) =>
        new(edit: text => text + "pipeline:\n  stages:\n" + stages);

    private const string Build = """
            - name: build
              steps:
                - name: compile
                  run: echo compiling shop; echo compiled
        """;

    [Fact]
    public async Task PipelineRun_FailingTestStep_StreamsItsOutputStopsAndExits3WithTheFailedTests()
    {
        using var ws = WithPipeline("""
                - name: test
                  steps:
                    - name: unit
                      run: >-
                        echo running cart tests; mkdir -p out;
                        printf '<testsuite><testcase classname="Cart" name="Total"/><testcase classname="Cart" name="Discount"><failure message="expected 90"/></testcase></testsuite>' > out/junit.xml;
                        exit 1
                      testResults: [out/junit.xml]
                - name: scan
                  steps:
                    - {name: secrets, check: secrets}
            """);

        var run = await ws.RunAsync("pipeline", "run");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("unit │ running cart tests", run.Stdout);
        Assert.Contains("1 of 2 tests failed", run.Stdout);
        Assert.Contains("test failed: Cart.Discount: expected 90", run.Stdout);
        Assert.Matches(@"scan/secrets\s+│\s+secrets\s+│\s+skipped", run.Stdout);
    }

    [Fact]
    public async Task Deploy_WithAPipeline_StreamsTheStepOutputLiveThenReleases()
    {
        using var ws = WithPipeline(Build);
        await ws.StartControllerAsync();

        var deploy = await ws.RunAsync("deploy", "1.0");

        Assert.Equal(0, deploy.ExitCode);
        Assert.Contains("compile │ compiling shop", deploy.Stdout);
        Assert.Contains("pipeline step build/compile passed", deploy.Stdout);
        Assert.Equal("1.0", await ws.PublicVersionAsync());
    }

    [Fact]
    public async Task Deploy_TreeWithAPlantedKey_Exits3BeforeAnyRevisionStartsAndNeverPrintsTheKey()
    {
        using var ws = WithPipeline("    - name: scan\n      steps:\n        - {name: secrets, check: secrets}\n");
        var key = "AK" + "IA" + "Q7ZT3XK2VB6N4MWR";
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "settings.py"), $"aws_access_key_id = \"{key}\"\n", ws.Cancellation);
        await ws.StartControllerAsync();

        var deploy = await ws.RunAsync("deploy", "1.0");

        Assert.Equal(3, deploy.ExitCode);
        Assert.Contains("settings.py:1:22: aws-access-key-id", deploy.Stdout);
        Assert.DoesNotContain(key, deploy.Stdout + deploy.Stderr);
        Assert.Empty(ws.Revisions("1.0"));
    }

    [Fact]
    public async Task Deploy_IacPathHoldingA100KBNestedFile_FailsTheStepNamingItAndTheControllerStaysUp()
    {
        using var ws = WithPipeline("    - name: scan\n      steps:\n        - {name: infra, check: iac, path: deploy}\n");
        Directory.CreateDirectory(Path.Combine(ws.Directory, "deploy"));
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "deploy", "greenlight.yaml"),
            $"app: shop\ntags: {new string('[', 50_000)}{new string(']', 50_000)}\n", ws.Cancellation);
        var controller = await ws.StartControllerAsync();

        var deploy = await ws.RunAsync("deploy", "1.0");

        Assert.Equal(3, deploy.ExitCode);
        Assert.Contains("pipeline step scan/infra failed: greenlight.yaml:2:262: cannot", deploy.Stdout);
        Assert.False(controller.HasExited);
        Assert.NotNull(await ws.TryApiAsync("v1/status"));
        Assert.Empty(ws.Revisions("1.0"));
    }

    [Fact]
    public async Task Deploy_WithTheBuildOfAPassedRun_SkipsThePipelineUntilTheCommitChanges()
    {
        using var ws = WithPipeline(Build);
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, ".gitignore"), ".greenlight/\n", ws.Cancellation);
        await Git.InitAndCommitAsync(ws.Directory, ws.Cancellation);
        var verified = await ws.RunAsync("pipeline", "run", "--output", "json");
        var runId = JsonDocument.Parse(verified.Stdout).RootElement.GetProperty("id").GetString()!;
        await ws.StartControllerAsync();

        var deploy = await ws.RunAsync("deploy", "1.0", "--build", runId);
        await File.AppendAllTextAsync(Path.Combine(ws.Directory, ".gitignore"), "*.tmp\n", ws.Cancellation);
        var stale = await ws.RunAsync("deploy", "2.0", "--build", runId);

        Assert.Equal(0, deploy.ExitCode);
        Assert.Contains($"pipeline skipped: run {runId} verified this build", deploy.Stdout);
        Assert.DoesNotContain("compiling shop", deploy.Stdout);
        Assert.Equal(2, stale.ExitCode);
        Assert.Contains($"pipeline run {runId} does not verify 2.0", stale.Stderr);
    }

    [Fact]
    public async Task PipelineRun_KilledMidStep_IsRecordedFailedWhenAControllerStarts_AndTheNextRunTakesTheLock()
    {
        using var ws = WithPipeline("""
                - name: build
                  steps:
                    - name: compile
                      run: if [ -f again ]; then echo quick; else echo $$ > step.pid.tmp && mv step.pid.tmp step.pid; exec sleep 60; fi
            """);
        var pidFile = Path.Combine(ws.Directory, "step.pid");
        using var first = ws.Start(new(), "pipeline", "run");
        while (!File.Exists(pidFile))
            await Task.Delay(20, ws.Cancellation);

        first.Kill(); // SIGKILL: the run stays recorded as running, its step's process lives on
        await first.WaitForExitAsync(ws.Cancellation);
        using (var step = System.Diagnostics.Process.GetProcessById(int.Parse(await File.ReadAllTextAsync(pidFile, ws.Cancellation), System.Globalization.CultureInfo.InvariantCulture)))
            step.Kill();
        await ws.StartControllerAsync();
        var afterStart = await ws.RunAsync("pipeline", "list", "--output", "json");
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, "again"), "", ws.Cancellation);
        var next = await ws.RunAsync("pipeline", "run");
        var list = await ws.RunAsync("pipeline", "list", "--output", "json");

        var left = JsonDocument.Parse(afterStart.Stdout).RootElement[0];
        Assert.Equal("Failed", left.GetProperty("status").GetString());
        Assert.StartsWith("stopped before it finished: the process running it ended", left.GetProperty("steps")[0].GetProperty("reason").GetString());
        Assert.Equal(0, next.ExitCode);
        Assert.Equal(["Passed", "Failed"], JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }
}
