using System.Text;

namespace Greenlight.Providers.Targets.Process;

/// <summary>Finds the processes of one launch by the <see cref="Variable"/> it was given: the only trace of a revision
/// whose controller died between spawning it and recording its pid. Launch ids are random, so a match is ours.</summary>
internal static class LaunchScan
{
    public const string Variable = "GREENLIGHT_LAUNCH_ID";

    /// <summary>Live processes (the revision, and any helper it started, which inherits the variable), except this one.</summary>
    public static IReadOnlyList<(int Pid, ProcStat Stat)> Find(string launchId)
    {
        // environ is NUL-separated; a leading NUL makes every entry, the first included, start after one.
        var needle = Encoding.UTF8.GetBytes($"\0{Variable}={launchId}\0");
        var found = new List<(int, ProcStat)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
                continue;
            if (Environ(dir) is { } environ && environ.AsSpan().IndexOf(needle) >= 0 && ProcStat.Read(pid) is { IsAlive: true } stat)
                found.Add((pid, stat));
        }
        return found;
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
