using System.Text;

namespace Greenlight.Testing;

/// <summary>
/// Finds processes by an environment variable a test gave them, so a test can prove it left nothing
/// behind (and clean up) even for processes whose handle it never got.
/// </summary>
public static class MarkedProcesses
{
    public static IReadOnlyList<int> Find(string variable, string value)
    {
        var needle = Encoding.UTF8.GetBytes($"{variable}={value}\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId && Environ(dir).AsSpan().IndexOf(needle) >= 0)
                found.Add(pid);
        return found;
    }

    /// <summary>Kills what a test left behind; returns how many it found.</summary>
    public static int KillAll(string variable, string value)
    {
        var pids = Find(variable, value);
        foreach (var pid in pids)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
        return pids.Count;
    }

    private static byte[] Environ(string procDir)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(procDir, "environ"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
