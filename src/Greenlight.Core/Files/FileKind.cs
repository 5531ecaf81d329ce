using System.Runtime.InteropServices;

namespace Greenlight.Core.Files;

/// <summary>What a directory entry is. <see cref="Special"/>: a FIFO, socket or device. <see cref="Unknown"/>: it
/// exists but cannot be examined (no search permission on its folder); reading it will say why.</summary>
public enum FileKind { Missing, Regular, Directory, Symlink, Special, Unknown }

/// <summary>
/// Tells what a path is without opening it. A scanner must never open a FIFO (open blocks until a writer comes)
/// or read a device (/dev/zero never ends), and .NET cannot tell them from regular files: its attributes say
/// Normal and its UnixFileMode holds only the permission bits. statx(2) is used because its layout is the same
/// on every Linux architecture, unlike struct stat's.
/// </summary>
public static class FileKinds
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const int NoFollow = 0x100;        // AT_SYMLINK_NOFOLLOW
    private const uint TypeField = 0x1;        // STATX_TYPE
    private const int NoEntry = 2;             // ENOENT: gone since it was listed, or a dangling link
    private const int NotADirectory = 20;      // ENOTDIR

    /// <summary>How a file the scan did not read is described to the user.</summary>
    public const string SpecialReason = "not a regular file (a FIFO, socket or device): not read";

    /// <summary>The entry itself: a symlink is <see cref="FileKind.Symlink"/>.</summary>
    public static FileKind Of(string path) => Stat(path, NoFollow);

    /// <summary>What a symlink leads to (the entry itself when it is not one).</summary>
    public static FileKind TargetOf(string path) => Stat(path, 0);

    private static FileKind Stat(string path, int flags)
    {
        if (StatX(CurrentDirectory, path, flags, TypeField, out var status) != 0)
            return Marshal.GetLastPInvokeError() is NoEntry or NotADirectory ? FileKind.Missing : FileKind.Unknown;
        return (status.Mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.Symlink,
            _ => FileKind.Special,
        };
    }

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatXBuffer
    {
        [FieldOffset(28)] public ushort Mode; // stx_mode: file type and permissions
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatX(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, out StatXBuffer status);
}
