namespace Greenlight.Providers.Targets.Process;

/// <summary>
/// The controller and the edge as processes of this machine, found by the lock each holds on its state directory
/// and stopped the way they expect: SIGTERM, which lets them finish what they do (the edge drains its requests),
/// then SIGKILL if they are still there after their grace.
/// </summary>
public static class LocalProcesses
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The processes that hold <paramref name="path"/> open: for a lock file, its holder. Only this user's
    /// processes can be looked into, which are the only ones that can hold a lock in an owner-only directory.</summary>
    public static IReadOnlyList<int> Holding(string path)
    {
        var full = Path.GetFullPath(path);
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId && Holds(dir, full))
                found.Add(pid);
        return found;
    }

    /// <summary>Sends SIGTERM and waits up to <paramref name="grace"/> for the process to end; then SIGKILL.</summary>
    /// <returns>True when it ended within its grace, false when it had to be killed, null when it was gone already.</returns>
    /// <exception cref="InvalidOperationException">It still runs <see cref="KillTimeout"/> after SIGKILL.</exception>
    public static async Task<bool?> StopAsync(int pid, TimeSpan grace, TimeProvider time, CancellationToken ct)
    {
        if (ProcStat.Read(pid) is not { IsAlive: true } stat)
            return null;
        Signals.Send(pid, stat, Signal.Term);
        if (await WaitGoneAsync(pid, stat.StartTime, grace, time, ct))
            return true;
        Signals.Send(pid, stat, Signal.Kill);
        return await WaitGoneAsync(pid, stat.StartTime, KillTimeout, time, ct)
            ? false
            : throw new InvalidOperationException($"pid {pid} still runs {KillTimeout.TotalSeconds:0} s after SIGKILL");
    }

    /// <summary>Gone, a zombie, or its pid taken by another process (another start time).</summary>
    private static async Task<bool> WaitGoneAsync(int pid, long startTime, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (ProcStat.Read(pid) is { IsAlive: true } now && now.StartTime == startTime)
        {
            if (time.GetElapsedTime(started) >= timeout)
                return false;
            await Task.Delay(Poll, time, ct);
        }
        return true;
    }

    private static bool Holds(string procDir, string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(procDir, "fd")).Any(fd => new FileInfo(fd).LinkTarget == path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // another user's process, or one that ended meanwhile
        }
    }
}
