using Greenlight.Core.Secrets;

namespace Greenlight.Edge.Persistence;

/// <summary>
/// The edge's state directory, held exclusively for the edge's lifetime: two edges writing the same
/// routes.json would silently undo each other's changes. The OS drops the lock if the process dies.
/// </summary>
internal sealed class StateDirectory : IDisposable
{
    private readonly FileStream _lock;

    private StateDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public const string LockFileName = "edge.lock";

    public string Path { get; }

    public string Routes => System.IO.Path.Combine(Path, "routes.json");

    public string Token => System.IO.Path.Combine(Path, "admin.token");

    public string AdminInfo => System.IO.Path.Combine(Path, "admin.json");

    public static StateDirectory Open(string path) =>
        TryOpen(path) ?? throw new InvalidOperationException($"Another edge is already running with state directory {System.IO.Path.GetFullPath(path)}.");

    /// <summary>The directory, or null while another edge holds it.</summary>
    public static StateDirectory? TryOpen(string path) =>
        // Tightened too when it exists: a supervisor may have made it (and the edge.log in it) before the edge ran.
        TryLock(OwnerOnly.CreateDirectory(path));

    /// <summary>The lock on a directory that exists (full path), or null while another edge holds it: cheap enough for
    /// a standby to try a hundred times a second.</summary>
    public static StateDirectory? TryLock(string fullPath)
    {
        try
        {
            return new StateDirectory(fullPath, new FileStream(System.IO.Path.Combine(fullPath, LockFileName), AtomicFile.Create(FileMode.OpenOrCreate)));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The locked file's descriptor, to pass to the next edge in a hand-over: its copy keeps the lock held.</summary>
    public int LockDescriptor => (int)_lock.SafeFileHandle.DangerousGetHandle();

    /// <summary>The directory held through a lock descriptor passed from the previous edge (no other edge can lock it meanwhile).</summary>
    public static StateDirectory Inherit(string fullPath, int lockDescriptor) =>
        new(fullPath, new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(lockDescriptor, ownsHandle: true), FileAccess.Write));

    /// <summary>After a hand-over: closes this process's descriptor only. Disposing would unlock the file for the next edge
    /// too (the runtime unlocks before it closes), and a standby waiting for the lock would take the directory.</summary>
    public void Abandon()
    {
        var handle = _lock.SafeFileHandle;
        var fd = (int)handle.DangerousGetHandle();
        handle.SetHandleAsInvalid();
        Handoff.FdPassing.Close(fd);
    }

    public void Dispose() => _lock.Dispose();
}
