using System.Globalization;

namespace Greenlight.Providers.Targets.Podman;

/// <summary>
/// Rootful podman gives every container nofile and nproc limits of 1048576, which the OCI runtime sets with setrlimit. A
/// controller without CAP_SYS_RESOURCE (a sandbox, a restricted service account) cannot raise a limit above its own, so
/// every container would fail with "error setting rlimits for ready process: operation not permitted". There, and only
/// there, containers get the limits the controller itself has instead: nofile its hard limit, nproc its hard limit capped
/// at pid_max (podman lowers its own nproc to that).
/// </summary>
internal static class SandboxLimits
{
    private const int CapSysResource = 24;

    /// <summary>The <c>--ulimit</c> arguments the controller needs; none where it may raise limits.</summary>
    public static IReadOnlyList<string> UlimitArguments { get; } = Compute();

    private static string[] Compute()
    {
        if (HasCapability(CapSysResource) || HardLimit("Max open files") is not { } nofile || HardLimit("Max processes") is not { } nproc)
            return [];
        var pidMax = long.TryParse(ReadOrEmpty("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture, out var max) ? max : nproc;
        nproc = Math.Min(nproc, pidMax);
        return ["--ulimit", $"nofile={nofile}:{nofile}", "--ulimit", $"nproc={nproc}:{nproc}"];
    }

    private static bool HasCapability(int capability)
    {
        var effective = ReadOrEmpty("/proc/self/status").Split('\n').FirstOrDefault(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        // Unreadable (not Linux): assume the usual root and leave podman's defaults alone.
        return effective is null
            || (ulong.TryParse(effective["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
                && (mask & (1UL << capability)) != 0);
    }

    /// <summary>The hard limit named in /proc/self/limits ("Max open files  1024  20000  files"); null when unlimited.</summary>
    private static long? HardLimit(string name) =>
        ReadOrEmpty("/proc/self/limits").Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal)) is { } line
        && line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var hard, ..]
        && long.TryParse(hard, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
