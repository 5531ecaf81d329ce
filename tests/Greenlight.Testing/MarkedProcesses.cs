using System.Text;

namespace Greenlight.Testing;

/// <summary>
/// Finds processes by an environment variable a test gave them, so a test can prove it left nothing
/// behind (and clean up) even for processes whose handle it never got.
/// </summary>
public static class MarkedProcesses
{
    public static IReadOnlyList<int> Find(string variable, string value) =>
        FindIn("environ", Encoding.UTF8.GetBytes($"{variable}={value}\0"));

    /// <summary>Processes whose command line holds <paramref name="fragment"/>: for programs that get no variable
    /// of the test's (Greenlight gives its children only an allow-list of its environment), e.g. a path of the test.</summary>
    public static IReadOnlyList<int> FindByCommandLine(string fragment) => FindIn("cmdline", Encoding.UTF8.GetBytes(fragment));

    private static List<int> FindIn(string file, byte[] needle)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId && Read(dir, file).AsSpan().IndexOf(needle) >= 0)
                found.Add(pid);
        return found;
    }

    /// <summary>Kills what a test left behind; returns how many it found.</summary>
    public static int KillAll(string variable, string value) => Kill(Find(variable, value));

    public static int Kill(IReadOnlyList<int> pids)
    {
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

    private static byte[] Read(string procDir, string file)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(procDir, file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
