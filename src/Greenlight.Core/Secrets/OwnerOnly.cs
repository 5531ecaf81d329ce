namespace Greenlight.Core.Secrets;

/// <summary>
/// State and logs hold what others must not read (tokens, the records of releases, whatever a step or a revision
/// printed): directories 0700 and files 0600 whatever the umask, and ones found wider (left by an earlier release,
/// or made by a supervisor before the program that owns them) are tightened.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryPermissions = FilePermissions | UnixFileMode.UserExecute;

    /// <summary>Creates the directory (missing parents too, owner-only as well) or tightens it; returns its full path.
    /// Parents that exist are left as they are.</summary>
    public static string CreateDirectory(string path)
    {
        path = Path.GetFullPath(path);
        // Directory.CreateDirectory gives the mode to the last directory only: each missing one is made here.
        if (Path.GetDirectoryName(path) is { } parent && !Directory.Exists(parent))
            CreateDirectory(parent);
        Directory.CreateDirectory(path, DirectoryPermissions);
        File.SetUnixFileMode(path, DirectoryPermissions);
        return path;
    }

    /// <summary>Opens the file, created owner-only or tightened through the open handle: no other user can open
    /// it in between. <see cref="FileShare.None"/> takes an exclusive lock, as with any <see cref="FileStream"/>.</summary>
    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = mode, Access = access, Share = share, UnixCreateMode = FilePermissions,
        });
        File.SetUnixFileMode(stream.SafeFileHandle, FilePermissions);
        return stream;
    }

    /// <summary>The file exists owner-only, its content untouched: for files another program writes into, such as a
    /// revision's log (appended to by a shell) or SQLite's database (whose -wal and -shm files take its mode).</summary>
    public static void Touch(string path)
    {
        // An existing file is tightened by its path, never opened: closing any descriptor of a file drops every POSIX lock
        // this process holds on it. SQLite's shared lock gone, another process's last close took the database's live
        // -wal for its own and deleted it, and every later write of this process went where no one else could see it.
        if (File.Exists(path))
        {
            Tighten(path);
            return;
        }
        using var _ = Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>Tightens the file if it exists.</summary>
    public static void Tighten(string path)
    {
        if (File.Exists(path))
            File.SetUnixFileMode(path, FilePermissions);
    }

    /// <summary>Writes the whole file, owner-only.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var writer = new StreamWriter(Open(path, FileMode.Create, FileAccess.Write));
        writer.Write(text);
    }
}
