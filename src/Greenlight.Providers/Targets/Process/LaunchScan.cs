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
        // environ is NUL-separated: an entry starts the text or follows a NUL.
        var entry = Encoding.UTF8.GetBytes($"{Variable}={launchId}\0");
        var needle = (byte[])[0, .. entry];
        var found = new List<(int, ProcStat)>();
        var unsure = false;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId || Environ(dir, buffer) is not { } read)
                    continue;
                var environ = read.Span;
                if (environ.IsEmpty)
                    unsure = unsure || ProcStat.Read(pid) is { IsAlive: true, IsKernelThread: false } young && young.Age < ExecAge;
                else if ((environ.StartsWith(entry) || environ.IndexOf(needle) >= 0) && ProcStat.Read(pid) is { IsAlive: true } stat)
                    found.Add((pid, stat));
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return (found, unsure);
    }

    /// <summary>The process's environment, read into <paramref name="buffer"/> when it fits (most do: one scan reads
    /// hundreds); null for a process gone meanwhile or not readable.</summary>
    private static ReadOnlyMemory<byte>? Environ(string procDir, byte[] buffer)
    {
        try
        {
            var path = Path.Combine(procDir, "environ");
            using var file = File.OpenHandle(path);
            var length = 0;
            for (int read; length < buffer.Length && (read = RandomAccess.Read(file, buffer.AsSpan(length), length)) > 0;)
                length += read;
            return length < buffer.Length ? buffer.AsMemory(0, length) : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile, or another user's process: not one of ours
        }
    }
}
