using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Providers.Targets.Process;

/// <summary>Starts a program that outlives this process: revisions, and the edge started by a controller.</summary>
/// <remarks>setsid puts it in a session of its own (a Ctrl+C in the controller's terminal does not reach
/// production); it does not fork because a child of .NET is no process-group leader, so the pid returned
/// is the program's. sh then points stdin at /dev/null and stdout+stderr at the log file and execs the
/// command in place: no pipe ties the program to the controller, whose death would otherwise break it.</remarks>
public static class DetachedProcess
{
    private const string Script = """log="$1"; shift; exec "$@" </dev/null >>"$log" 2>&1""";

    /// <param name="environment">Added to this process's own environment.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">setsid or sh cannot be started.</exception>
    public static OsProcess Start(string command, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var start = new ProcessStartInfo("/usr/bin/setsid") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var argument in (string[])["/bin/sh", "-c", Script, "greenlight-detached", logFile, command, .. args])
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return OsProcess.Start(start)!;
    }
}
