using System.Text;

namespace Greenlight.Providers.Targets.Process;

/// <summary>Finds the processes of one launch by the <see cref="Variable"/> it was given: the only trace of a revision
/// whose controller died between spawning it and recording its pid. Launch ids are random, so a match is ours.</summary>
internal static class LaunchScan
{
    public const string Variable = "GREENLIGHT_LAUNCH_ID";

    // A process between the steps of execve has no environment to read; only a young one can be there.
    private static readonly TimeSpan ExecAge = TimeSpan.FromSeconds(5);

    /// <returns>Live processes (the revision, and any helper it started, which inherits the variable), except this one;
    /// and whether a young process of this user showed no environment at all, so that it may be one of them mid-execve.</returns>
    public static (IReadOnlyList<(int Pid, ProcStat Stat)> Found, bool Unsure) Find(string launchId)
    {
        // environ is NUL-separated; a leading NUL makes every entry, the first included, start after one.
        var needle = Encoding.UTF8.GetBytes($"\0{Variable}={launchId}\0");
        var found = new List<(int, ProcStat)>();
        var unsure = false;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId || Environ(dir) is not { } environ)
                continue;
            if (environ.Length == 1)
                unsure |= ProcStat.Read(pid) is { IsAlive: true, IsKernelThread: false } young && young.Age < ExecAge;
            else if (environ.AsSpan().IndexOf(needle) >= 0 && ProcStat.Read(pid) is { IsAlive: true } stat)
                found.Add((pid, stat));
        }
        return (found, unsure);
    }

    private static byte[]? Environ(string procDir)
    {
        try
        {
            return [0, .. File.ReadAllBytes(Path.Combine(procDir, "environ"))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile, or another user's process: not one of ours
        }
    }
}
