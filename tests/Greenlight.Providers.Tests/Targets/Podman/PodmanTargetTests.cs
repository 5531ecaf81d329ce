using System.Net;
using Greenlight.Core.Targets;
using Greenlight.Testing.Podman;

namespace Greenlight.Providers.Tests.Targets.Podman;

public sealed class PodmanTargetTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task StartAsync_Image_ServesOnItsLoopbackPortWithItsEnvironmentLabelsAndLimits()
    {
        await using var scope = new ContainerScope();
        var target = ContainerScope.NewTarget();
        const string secret = " s3cr3t = \"kept\" # verbatim ";
        RevisionHandle? recorded = null;

        var handle = await target.StartAsync(await scope.SpecAsync("1.0", new Dictionary<string, string> { ["API_KEY"] = secret }),
            h => Task.FromResult(recorded = h), scope.Cancellation);

        Assert.Equal(handle, recorded);
        Assert.True(target.IsRunning(handle));
        Assert.Equal("1.0", await Http.GetStringAsync(handle.BaseAddress, scope.Cancellation));
        Assert.Equal(secret, await Http.GetStringAsync(new Uri(handle.BaseAddress, "env/API_KEY"), scope.Cancellation));
        Assert.Equal(handle.LaunchId, await Http.GetStringAsync(new Uri(handle.BaseAddress, "env/GREENLIGHT_LAUNCH_ID"), scope.Cancellation));
        Assert.Equal("8080", await Http.GetStringAsync(new Uri(handle.BaseAddress, "env/PORT"), scope.Cancellation));
        var id = Assert.Single(await PodmanCli.ContainersAsync($"greenlight.launch={handle.LaunchId}"));
        var inspected = await PodmanCli.RunAsync("inspect", "--format",
            "{{.State.Pid}} {{index .Config.Labels \"greenlight.app\"}} {{index .Config.Labels \"greenlight.version\"}} {{.HostConfig.NanoCpus}} {{.HostConfig.Memory}}", id);
        Assert.Equal($"{handle.Pid} {scope.App} 1.0 500000000 {64L << 20}", inspected.Trim());
        // The value reached the container through an env file: not on podman's command line (what ps showed), which
        // podman keeps as the container's CreateCommand, and no env file is left behind.
        Assert.DoesNotContain(secret, await PodmanCli.RunAsync("inspect", "--format", "{{.Config.CreateCommand}}", id));
        Assert.Empty(Directory.GetFiles(Path.Combine(scope.Directory, "logs"), "*.env", SearchOption.AllDirectories));
        await target.StopAsync(handle, TimeSpan.FromSeconds(5), scope.Cancellation);
    }

    [Fact]
    public async Task StartAsync_SecretGivenAsAFile_TheContainerReadsItAtThePathItsVariableNames()
    {
        await using var scope = new ContainerScope();
        var file = Path.Combine(scope.Directory, "secret-files", "DB_PASSWORD");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "read from a file", scope.Cancellation);
        var spec = await scope.SpecAsync("1.0", new Dictionary<string, string> { ["DB_PASSWORD"] = file }) with { Files = [file] };

        var handle = await ContainerScope.NewTarget().StartAsync(spec, _ => Task.CompletedTask, scope.Cancellation);

        Assert.Equal("read from a file", await Http.GetStringAsync(new Uri(handle.BaseAddress, "file/DB_PASSWORD"), scope.Cancellation));
    }

    [Fact]
    public async Task StopAsync_RunningContainer_SigtermReachesTheAppWhichExitsAndTheContainerIsRemoved()
    {
        await using var scope = new ContainerScope();
        var target = ContainerScope.NewTarget();
        var handle = await target.StartAsync(await scope.SpecAsync("1.0"), _ => Task.CompletedTask, scope.Cancellation);

        await target.StopAsync(handle, TimeSpan.FromSeconds(20), scope.Cancellation);

        Assert.False(target.IsRunning(handle));
        Assert.Empty(await PodmanCli.ContainersAsync($"greenlight.launch={handle.LaunchId}"));
        // The container's output, kept in the revision's log file past its removal: the app saw SIGTERM and exited itself.
        var log = await File.ReadAllTextAsync(handle.LogFile, scope.Cancellation);
        Assert.Contains("test service 1.0 listening on 8080", log);
        Assert.Contains("received SIGTERM, exiting", log);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetStringAsync(handle.BaseAddress, scope.Cancellation));
        await target.StopAsync(handle, TimeSpan.FromSeconds(20), scope.Cancellation); // idempotent
    }

    [Fact]
    public async Task NewTarget_AfterControllerRestart_FindsTheContainerByItsHandleAndLabels()
    {
        await using var scope = new ContainerScope();
        var spec = await scope.SpecAsync("1.0");
        var first = await ContainerScope.NewTarget().StartAsync(spec, _ => Task.CompletedTask, scope.Cancellation);
        var restarted = ContainerScope.NewTarget();

        Assert.True(restarted.IsRunning(first));
        // The same launch started again (its controller died before recording it): the old container goes first.
        var second = await restarted.StartAsync(spec, _ => Task.CompletedTask, scope.Cancellation);
        Assert.False(restarted.IsRunning(first));
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.Single(await PodmanCli.ContainersAsync($"greenlight.launch={spec.LaunchId}"));
        Assert.Equal("1.0", await Http.GetStringAsync(second.BaseAddress, scope.Cancellation));

        // A handle whose pid was never recorded still stops the launch's container, found by its label.
        await ContainerScope.NewTarget().StopAsync(second with { Pid = 0, StartTime = 0, Port = 0 }, TimeSpan.FromSeconds(5), scope.Cancellation);
        Assert.False(restarted.IsRunning(second));
        Assert.Empty(await PodmanCli.ContainersAsync($"greenlight.app={scope.App}"));
    }

    [Fact]
    public async Task StartAsync_UnhealthyContainer_FailsWithItsOutputAndLeavesNoContainer()
    {
        await using var scope = new ContainerScope();
        // Long enough for the container to answer at all on a loaded machine (CI once saw none within 6 s): the failure must be its 503, not silence.
        var spec = await scope.SpecAsync("1.0", new Dictionary<string, string> { ["HEALTH_FAIL"] = "1" }) with { HealthTimeout = TimeSpan.FromSeconds(20) };

        var failure = await Assert.ThrowsAsync<RevisionStartException>(
            () => ContainerScope.NewTarget().StartAsync(spec, _ => Task.CompletedTask, scope.Cancellation));

        Assert.Contains("health check GET /health answered 503 for 20s", failure.Message);
        Assert.Contains("test service 1.0 listening on 8080", failure.Message);
        Assert.Empty(await PodmanCli.ContainersAsync($"greenlight.app={scope.App}"));
    }

    [Fact]
    public async Task IsRunning_ContainerKilledBehindGreenlightsBack_IsFalse()
    {
        await using var scope = new ContainerScope();
        var target = ContainerScope.NewTarget();
        var handle = await target.StartAsync(await scope.SpecAsync("1.0"), _ => Task.CompletedTask, scope.Cancellation);

        await PodmanCli.RunAsync("kill", Assert.Single(await PodmanCli.ContainersAsync($"greenlight.launch={handle.LaunchId}")));

        // podman kill returns once the container has exited: /proc already says so, with no podman call.
        Assert.False(target.IsRunning(handle));
    }

    [Fact]
    public async Task StartAsync_ImageThatDoesNotExist_FailsWithPodmansReason()
    {
        await using var scope = new ContainerScope();
        var spec = await scope.SpecAsync("1.0");
        spec = spec with { Run = ContainerScope.Container(spec.Run!.Container! with { Image = $"localhost/greenlight-missing-{Guid.NewGuid():N}:1.0" }) };

        var failure = await Assert.ThrowsAsync<RevisionStartException>(
            () => ContainerScope.NewTarget().StartAsync(spec, _ => Task.CompletedTask, scope.Cancellation));

        Assert.StartsWith($"{scope.App} 1.0: podman run failed with exit code 125: ", failure.Message);
        Assert.Contains("greenlight-missing-", failure.Message);
        Assert.Empty(await PodmanCli.ContainersAsync($"greenlight.app={scope.App}"));
    }

    [Fact]
    public async Task StartAsync_ContainerExitingAtOnce_FailsFastWithItsExitCode()
    {
        await using var scope = new ContainerScope();
        // The service cannot listen on a port number that does not exist and exits with 1.
        var spec = await scope.SpecAsync("1.0", new Dictionary<string, string> { ["PORT"] = "70000" });
        spec = spec with { Run = ContainerScope.Container(spec.Run!.Container! with { Port = 70000 }) };

        var failure = await Assert.ThrowsAsync<RevisionStartException>(
            () => ContainerScope.NewTarget().StartAsync(spec, _ => Task.CompletedTask, scope.Cancellation));

        Assert.Contains("exit", failure.Message);
        Assert.Empty(await PodmanCli.ContainersAsync($"greenlight.app={scope.App}"));
    }
}
