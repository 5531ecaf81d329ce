using System.Globalization;

namespace Greenlight.Providers.Targets.Process;

/// <summary>The fields of /proc/&lt;pid&gt;/stat that tell whether a pid is still the process we started.</summary>
/// <param name="StartTime">Field 22: clock ticks after boot. Together with the pid it names one process for
/// the machine's uptime, which is what makes adoption after a controller restart safe against pid reuse.</param>
/// <param name="Flags">Field 9: the kernel's PF_* flags.</param>
internal readonly record struct ProcStat(char State, int SessionId, long StartTime, uint Flags = 0)
{
    private const uint KernelThreadFlag = 0x00200000; // PF_KTHREAD
    private const double TicksPerSecond = 100; // USER_HZ: what /proc counts in, on every Linux

    /// <summary>A zombie (Z) or dead (X) process has exited even though its entry is still there.</summary>
    public bool IsAlive => State is not ('Z' or 'X' or 'x');

    public bool IsKernelThread => (Flags & KernelThreadFlag) != 0;

    /// <summary>How long ago the process started, by the machine's uptime.</summary>
    public TimeSpan Age => TimeSpan.FromSeconds(
        double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture) - StartTime / TicksPerSecond);

    public static ProcStat? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            // Gone (no such file or directory), or vanishing while being read (ESRCH).
            return null;
        }
    }

    /// <summary>Field 2 (comm) is in parentheses and may itself hold spaces and ')', so fields are
    /// counted from the last ')' on: field 3 (state) comes right after it.</summary>
    public static ProcStat Parse(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcStat(
            State: fields[0][0],
            SessionId: int.Parse(fields[6 - 3], CultureInfo.InvariantCulture),
            StartTime: long.Parse(fields[22 - 3], CultureInfo.InvariantCulture),
            Flags: uint.Parse(fields[9 - 3], CultureInfo.InvariantCulture));
    }
}
