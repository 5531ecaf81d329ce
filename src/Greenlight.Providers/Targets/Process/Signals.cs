using System.Runtime.InteropServices;

namespace Greenlight.Providers.Targets.Process;

internal enum Signal
{
    Kill = 9,
    /// <summary>SIGUSR1: HAProxy's soft stop.</summary>
    UserOne = 10,
    Term = 15,
}

/// <summary>POSIX kill(2): .NET can send SIGKILL but has no way to send SIGTERM.</summary>
internal static class Signals
{
    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Signals the revision; when it leads its own session (every revision started here does),
    /// its whole process group, so that helpers it spawned stop with it. A process already gone is fine.</summary>
    public static void Send(int pid, ProcStat stat, Signal signal)
    {
        var target = stat.SessionId == pid ? -pid : pid;
        if (Kill(target, (int)signal) != 0 && Marshal.GetLastPInvokeError() != NoSuchProcess)
        {
            throw new InvalidOperationException(
                $"cannot send SIG{signal.ToString().ToUpperInvariant()} to pid {pid}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
