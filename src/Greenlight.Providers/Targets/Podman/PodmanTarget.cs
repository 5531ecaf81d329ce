using System.Globalization;
using Greenlight.Core.Secrets;
using Greenlight.Core.Targets;
using Greenlight.Providers.Targets.Process;
using Microsoft.Extensions.Logging;

namespace Greenlight.Providers.Targets.Podman;

/// <summary>
/// Runs each revision as a container of its image (podman, or Docker's compatible command line), its port published on a
/// free loopback port of the host, labelled with its app, version, instance and launch. Containers outlive the controller:
/// a new controller knows a revision is alive from the container's main process as the host sees it (pid and start time,
/// read from /proc like a local process, without running podman), and finds and stops containers by their labels.
/// </summary>
internal sealed partial class PodmanTarget(string name, ContainerCli cli, TimeProvider time, ILogger<PodmanTarget> logger) : IDeploymentTarget
{
    private const int LogTailLines = 20;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan FailedStartGrace = TimeSpan.FromSeconds(5);

    private readonly HealthGate healthGate = new(time);

    public string Name => name;

    public async Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken)
    {
        try
        {
            return await StartContainerAsync(spec, launched, cancellationToken);
        }
        catch (ContainerCliException e)
        {
            throw new RevisionStartException($"{spec.App} {spec.Version}: {e.Message}");
        }
    }

    private async Task<RevisionHandle> StartContainerAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken)
    {
        var logFile = Path.GetFullPath(spec.LogFile);
        var logs = OwnerOnly.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var unrecorded = new RevisionHandle(spec.App, spec.Version, 0, 0, 0, logFile, spec.LaunchId) { Instance = spec.Instance };
        // Not one container, ever, per launch: what an earlier attempt left is stopped and removed first.
        await StopAsync(unrecorded, FailedStartGrace, cancellationToken);

        var started = time.GetTimestamp();
        var port = LoopbackPort.PickFree();
        var environment = new Dictionary<string, string>(spec.Environment) { ["PORT"] = RunArguments.ContainerOf(spec).Port.ToString(CultureInfo.InvariantCulture) };
        if (spec.LaunchId is { } launch)
            environment[LaunchScan.Variable] = launch; // as a process gets it; the label is what finds the container
        var envFile = EnvFile.Write(spec, environment, Path.Combine(logs, ".env"));
        string id;
        try
        {
            id = (await cli.RunAsync(RunArguments.For(cli, spec, port, envFile, logFile), cancellationToken)).Trim();
        }
        catch
        {
            // Cancelled or failed: a container podman created before that must not be left behind.
            await StopAsync(unrecorded, FailedStartGrace, CancellationToken.None);
            throw;
        }
        finally
        {
            File.Delete(envFile);
        }

        RevisionHandle handle;
        string? failure;
        try
        {
            var pid = int.Parse((await InspectAsync(id, "{{.State.Pid}}", cancellationToken)).Trim(), CultureInfo.InvariantCulture);
            handle = unrecorded with { Pid = pid, StartTime = ProcStat.Read(pid)?.StartTime ?? 0, Port = port };
            LogStarting(spec.App, spec.Version, RunArguments.ContainerOf(spec).Image, id[..Math.Min(12, id.Length)], pid, port);
            if (!cli.LogsToFile)
                await File.AppendAllTextAsync(logFile, $"{cli.Program} keeps this revision's output: {cli.Program} logs {id}\n", cancellationToken);
            await launched(handle);
            failure = await healthGate.WaitAsync(ct => WaitGoneAsync(handle, ct), () => WhyExitedAsync(id), spec, port, cancellationToken);
        }
        catch
        {
            await StopAsync(unrecorded, FailedStartGrace, CancellationToken.None);
            throw;
        }

        if (failure is null)
        {
            LogHealthy(spec.App, spec.Version, handle.Pid, time.GetElapsedTime(started).TotalMilliseconds);
            return handle;
        }

        LogStartFailed(spec.App, spec.Version, handle.Pid, failure);
        var (_, output, errors) = await cli.TryRunAsync(["logs", "--tail", LogTailLines.ToString(CultureInfo.InvariantCulture), id], CancellationToken.None);
        await StopAsync(handle, FailedStartGrace, CancellationToken.None);
        var tail = (output + errors).TrimEnd();
        throw new RevisionStartException(tail.Length == 0
            ? $"{spec.App} {spec.Version}: {failure} (its container {id[..12]} wrote nothing)"
            : $"{spec.App} {spec.Version}: {failure}; last lines of its output ({logFile}):\n{tail}");
    }

    public bool IsRunning(RevisionHandle handle) =>
        handle.Pid > 0 && ProcStat.Read(handle.Pid) is { IsAlive: true } stat && stat.StartTime == handle.StartTime;

    /// <summary>Stops every container of the handle's launch (or, for a handle without one, of its app, version and
    /// instance): <c>stop --time</c> sends the image's stop signal (SIGTERM unless it says otherwise), waits the grace, then
    /// kills; <c>rm</c> then removes the container. Its log file stays.</summary>
    public async Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken)
    {
        var seconds = ((int)Math.Ceiling(grace.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        foreach (var id in await FindAsync(handle, cancellationToken))
        {
            LogStopping(handle.App, handle.Version, id[..Math.Min(12, id.Length)], grace.TotalMilliseconds);
            await cli.RunAsync(["stop", "-t", seconds, id], cancellationToken); // -t: podman and every Docker (whose long name changed)
            await cli.RunAsync(["rm", "--force", id], cancellationToken);
            LogStopped(handle.App, handle.Version, id[..Math.Min(12, id.Length)]);
        }
    }

    /// <summary>The ids of the handle's containers, running or not.</summary>
    private async Task<IReadOnlyList<string>> FindAsync(RevisionHandle handle, CancellationToken cancellationToken)
    {
        List<string> args = ["ps", "--all", "--quiet", "--no-trunc"];
        foreach (var filter in ContainerLabels.Filter(handle))
            args.AddRange(["--filter", filter]);
        return (await cli.RunAsync(args, cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private Task<string> InspectAsync(string id, string format, CancellationToken cancellationToken) =>
        cli.RunAsync(["inspect", "--format", format, id], cancellationToken);

    private async Task<string> WhyExitedAsync(string id)
    {
        var (exitCode, output, _) = await cli.TryRunAsync(["inspect", "--format", "{{.State.ExitCode}}", id], CancellationToken.None);
        return exitCode == 0
            ? $"container exited with code {output.Trim()} before becoming healthy"
            : "container vanished before becoming healthy";
    }

    private async Task WaitGoneAsync(RevisionHandle handle, CancellationToken cancellationToken)
    {
        while (IsRunning(handle))
            await Task.Delay(PollInterval, time, cancellationToken);
    }
}
