using System.Text;

namespace Greenlight.Providers.Tests.Support;

/// <summary>Finds processes by an environment variable that a test gave them, so that a test can prove
/// it left nothing behind (and clean up) even for processes whose handle it never got.</summary>
internal static class MarkedProcesses
{
    public const string Variable = "GREENLIGHT_TEST_SCOPE";

    public static IReadOnlyList<int> Find(string marker)
    {
        var needle = Encoding.UTF8.GetBytes($"{Variable}={marker}\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != Environment.ProcessId && Environ(dir).AsSpan().IndexOf(needle) >= 0)
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static byte[] Environ(string procDir)
    {
        try
        {
            return File.ReadAllBytes(Path.Combine(procDir, "environ"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
