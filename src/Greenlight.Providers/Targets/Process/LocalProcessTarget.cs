using System.Collections.Concurrent;
using Greenlight.Core.Secrets;
using Greenlight.Core.Targets;
using Microsoft.Extensions.Logging;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Providers.Targets.Process;

/// <summary>Runs each revision as a local process on a free loopback port, in its own session, with
/// its output appended to its log file. A revision outlives the controller; a new controller finds it
/// again from its handle (pid and start time).</summary>
internal sealed partial class LocalProcessTarget(TimeProvider time, ILogger<LocalProcessTarget> logger) : IDeploymentTarget
{
    public const string TargetName = "process";

    private const int LogTailLines = 20;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan FailedStartGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan UnsureScanLimit = TimeSpan.FromSeconds(2);

    private readonly HealthGate healthGate = new(time);

    // Revisions started by this instance: kept so that they are reaped (no zombies) once stopped.
    private readonly ConcurrentDictionary<(int Pid, long StartTime), OsProcess> children = new();

    public string Name => TargetName;

    public async Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken)
    {
        var logFile = Path.GetFullPath(spec.LogFile);
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var logStart = LogTail.Mark(logFile);
        var port = LoopbackPort.PickFree();
        var started = time.GetTimestamp();
        // Not one process, ever, per launch: what an earlier attempt left running is stopped first.
        await StopAsync(new RevisionHandle(spec.App, spec.Version, 0, 0, 0, logFile, spec.LaunchId), FailedStartGrace, cancellationToken);

        var process = SessionLauncher.Start(spec, port, logFile);
        // No stat means the process is already gone; the health gate then reports its exit code.
        var handle = new RevisionHandle(spec.App, spec.Version, process.Id, ProcStat.Read(process.Id)?.StartTime ?? 0, port, logFile, spec.LaunchId)
        {
            Instance = spec.Instance,
        };
        children[(handle.Pid, handle.StartTime)] = process;
        LogStarting(spec.App, spec.Version, handle.Pid, port, logFile);

        string? failure;
        try
        {
            await launched(handle);
            failure = await healthGate.WaitAsync(process, spec, port, cancellationToken);
        }
        catch
        {
            await StopAsync(handle, FailedStartGrace, CancellationToken.None);
            throw;
        }

        if (failure is null)
        {
            LogHealthy(spec.App, spec.Version, handle.Pid, time.GetElapsedTime(started).TotalMilliseconds);
            return handle;
        }

        LogStartFailed(spec.App, spec.Version, handle.Pid, failure);
        await StopAsync(handle, FailedStartGrace, CancellationToken.None);
        var tail = LogTail.Read(logFile, logStart, LogTailLines);
        throw new RevisionStartException(tail.Length == 0
            ? $"{spec.App} {spec.Version}: {failure} (log {logFile} is empty)"
            : $"{spec.App} {spec.Version}: {failure}; last lines of {logFile}:\n{tail}");
    }

    public bool IsRunning(RevisionHandle handle) => Current(handle) is not null;

    public async Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken)
    {
        await StopProcessAsync(handle, grace, cancellationToken);
        if (handle.LaunchId is not { } launch)
            return;
        // A process caught in execve shows no environment for an instant: looks go on until two in a row saw neither one
        // of the launch nor a young process without an environment (for a few seconds at most: processes start all the time).
        // Only a launch whose pid was never recorded can be that young; a recorded one took its helpers down with its group.
        var scanning = time.GetTimestamp();
        for (var quietLooks = handle.Pid == 0 ? 0 : 1; quietLooks < 2; quietLooks++)
        {
            var (found, unsure) = LaunchScan.Find(launch);
            if (found.Count > 0 || (unsure && handle.Pid == 0 && time.GetElapsedTime(scanning) < UnsureScanLimit))
                quietLooks = -1;
            foreach (var (pid, stat) in found)
            {
                LogStray(handle.App, handle.Version, pid, launch);
                await StopProcessAsync(handle with { Pid = pid, StartTime = stat.StartTime }, grace, cancellationToken);
            }
            if (quietLooks < 1)
                await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task StopProcessAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (Current(handle) is { } stat)
        {
            LogStopping(handle.App, handle.Version, handle.Pid, grace.TotalMilliseconds);
            Signals.Send(handle.Pid, stat, Signal.Term);
            if (!await WaitGoneAsync(handle, grace, cancellationToken))
            {
                LogKilling(handle.App, handle.Version, handle.Pid, grace.TotalMilliseconds);
                Signals.Send(handle.Pid, stat, Signal.Kill);
                if (!await WaitGoneAsync(handle, KillTimeout, cancellationToken))
                {
                    throw new InvalidOperationException(
                        $"{handle.App} {handle.Version} (pid {handle.Pid}) still runs {KillTimeout.TotalSeconds}s after SIGKILL");
                }
            }

            LogStopped(handle.App, handle.Version, handle.Pid);
        }

        if (children.TryRemove((handle.Pid, handle.StartTime), out var child))
        {
            await child.WaitForExitAsync(cancellationToken);
            child.Dispose();
        }
    }

    /// <summary>The stat of the handle's very process while it runs; null once it exited, became a
    /// zombie, or its pid now belongs to another process (different start time).</summary>
    private static ProcStat? Current(RevisionHandle handle) =>
        ProcStat.Read(handle.Pid) is { IsAlive: true } stat && stat.StartTime == handle.StartTime ? stat : null;

    private async Task<bool> WaitGoneAsync(RevisionHandle handle, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (IsRunning(handle))
        {
            if (time.GetElapsedTime(started) >= timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        return true;
    }
}
