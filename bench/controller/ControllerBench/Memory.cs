using System.Diagnostics;

namespace ControllerBench;

/// <summary>The process's memory at one moment, after a full collection: the managed heap and the working set.</summary>
internal readonly record struct Memory(long Managed, long WorkingSet)
{
    public static Memory Now()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return new Memory(managed, self.WorkingSet64);
    }

    public static Memory operator -(Memory a, Memory b) => new(a.Managed - b.Managed, a.WorkingSet - b.WorkingSet);
}
