using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>`greenlight dora` on real releases: the controller counts what it released, from the commit's time.</summary>
public sealed class DoraCommandTests
{
    [Fact]
    public async Task Dora_AfterARealReleaseFromGit_CountsTheProductionDeploymentAndItsLeadTime()
    {
        var (staging, production) = (Ports.FreeListen(), Ports.FreeListen());
        using var ws = new CliWorkspace(edit: text => text + $$$"""

            environments:
              - name: staging
                regions: [{name: local, edge: {listen: {{{staging}}}}}]
              - name: production
                regions: [{name: eu, edge: {listen: {{{production}}}}}]
            """);
        await Git.InitAndCommitAsync(ws.Directory, ws.Cancellation);
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);

        var json = await ws.RunAsync("dora", "--window", "7d", "--output", "json");
        var table = await ws.RunAsync("dora", "--env", "staging");
        var unknown = await ws.RunAsync("dora", "--env", "qa");
        var badWindow = await ws.RunAsync("dora", "--window", "a month");

        Assert.True(json.ExitCode == 0, json.Stderr);
        var dora = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal("production", dora.GetProperty("environment").GetString());
        Assert.Equal(1, dora.GetProperty("deploymentFrequency").GetProperty("deployments").GetInt32());
        Assert.Equal(1.0 / 7, dora.GetProperty("deploymentFrequency").GetProperty("perDay").GetDouble(), 6);
        Assert.Equal("High", dora.GetProperty("deploymentFrequency").GetProperty("band").GetString());
        // Committed moments before the release, completed within the test: a lead time of seconds, elite.
        Assert.Equal(1, dora.GetProperty("leadTime").GetProperty("samples").GetInt32());
        Assert.InRange(dora.GetProperty("leadTime").GetProperty("medianSeconds").GetDouble(), 0, 600);
        Assert.Equal("Elite", dora.GetProperty("leadTime").GetProperty("band").GetString());
        Assert.Equal(0.0, dora.GetProperty("changeFailureRate").GetProperty("rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, dora.GetProperty("recoveryTime").GetProperty("medianSeconds").ValueKind);
        Assert.Equal(6, dora.GetProperty("trend").GetArrayLength());

        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("in staging", table.Stdout);
        Assert.Contains("deployment frequency", table.Stdout);
        Assert.Contains("DORA Accelerate State of DevOps Report 2024", table.Stdout);

        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no environment qa", unknown.Stderr);
        Assert.NotEqual(0, badWindow.ExitCode);
        Assert.Contains("parameter window must be a positive duration such as 30d, 12h or 90m, not 'a month'", badWindow.Stderr);
    }
}
