using System.Diagnostics;
using Greenlight.Core.Secrets;
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

    /// <param name="environment">The program's environment, with the few variables of this process's own that
    /// <see cref="ChildEnvironment"/> passes on: never the rest, which holds the operator's secrets.</param>
    /// <param name="logFile">Appended to; created owner-only (or tightened) first, since it gets whatever the program prints.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">setsid or sh cannot be started.</exception>
    public static OsProcess Start(string command, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var start = new ProcessStartInfo("/usr/bin/setsid") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var argument in (string[])["/bin/sh", "-c", Script, "greenlight-detached", logFile, command, .. args])
            start.ArgumentList.Add(argument);
        ChildEnvironment.Apply(start, environment);
        OwnerOnly.Touch(logFile);
        return OsProcess.Start(start)!;
    }
}
