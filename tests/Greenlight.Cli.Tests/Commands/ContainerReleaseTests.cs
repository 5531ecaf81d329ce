using System.Text.RegularExpressions;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing.Podman;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>Releases whose revisions run as podman containers of a locally built image, driven by a real controller
/// through the real edge.</summary>
public sealed partial class ContainerReleaseTests
{
    private readonly string _app = "podshop-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The sample's run section replaced by the test service's image; version 2.0 answers every request with 500.</summary>
    private string AsContainers(string text) => RunSection().Replace(text, m =>
        $$"""
        app: {{_app}}
        run:
          target: podman
          image: {{TestImage.Repository}}:${version}
          port: 8080
          resources: { cpus: "0.5", memory: 64Mi }
          env:
            VERSION: ${version}
            FAIL_VERSION: "2.0"
        {{m.Groups["marker"].Value}}
          stopTimeout: 5s

        """);

    [Fact]
    public async Task Release_AsContainers_CanaryFailingItsAnalysisIsRolledBackOnItsOwn_AndANewControllerAdoptsTheServingContainer()
    {
        using var ws = JudgedCanary.Create("{minCanaryRequests: 20, maxCanaryRequests: 300}", edit: AsContainers);
        try
        {
            await TestImage.TagAsync("1.0");
            await TestImage.TagAsync("2.0");
            var up = await ws.StartControllerAsync();
            var first = await ws.RunAsync("deploy", "1.0");
            Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
            Assert.Equal("1.0", await ws.PublicVersionAsync());
            var serving = Assert.Single(ws.Revisions("1.0")); // the container's process, as the host sees it
            Assert.Single(await PodmanCli.ContainersAsync($"greenlight.app={_app}", "greenlight.version=1.0"));

            using (new PublicLoad(ws.Listen))
            {
                var canary = await ws.RunAsync("deploy", "2.0");
                Assert.True(canary.ExitCode == 4, $"deploy 2.0 exited {canary.ExitCode}:\n{canary.Stdout}\n{canary.Stderr}");
            }

            Assert.Equal("1.0", await ws.PublicVersionAsync());
            while ((await PodmanCli.ContainersAsync($"greenlight.app={_app}", "greenlight.version=2.0")).Count > 0)
                await Task.Delay(50, ws.Cancellation);
            Assert.Equal("RolledBack", (await ws.TryApiAsync("v1/rollouts?limit=1"))?[0].GetProperty("phase").GetString());

            up.Kill();
            await up.WaitForExitAsync(ws.Cancellation);
            Assert.Equal("1.0", await ws.PublicVersionAsync()); // the edge and the container serve on without a controller
            await ws.StartControllerAsync();
            var status = await ws.RunAsync("status", "--output", "json");

            Assert.Equal(0, status.ExitCode);
            Assert.Contains("\"serving\": \"1.0\"", status.Stdout);
            Assert.Equal([serving], ws.Revisions("1.0")); // adopted: the very container, not a new one
            Assert.Equal(0, (await ws.RunAsync("down")).ExitCode);
            Assert.Empty(await PodmanCli.ContainersAsync($"greenlight.app={_app}"));
            var log = await File.ReadAllTextAsync(Path.Combine(ws.Directory, ".greenlight", "logs", $"{_app}-1.0.log"), ws.Cancellation);
            Assert.Contains("received SIGTERM, exiting", log);
        }
        finally
        {
            await PodmanCli.RemoveAllAsync($"greenlight.app={_app}");
        }
    }

    [GeneratedRegex(@"^app: .*\nrun:\n(?:.*\n)*?(?<marker>    GREENLIGHT_TEST_SCOPE: \S+)\n(?:.*\n)*?(?=health:)", RegexOptions.Multiline)]
    private static partial Regex RunSection();
}
