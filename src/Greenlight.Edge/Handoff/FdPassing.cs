using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Greenlight.Edge.Handoff;

/// <summary>
/// The only native code of the hand-over: file descriptors sent to another process over a Unix domain socket (SCM_RIGHTS),
/// so the new edge accepts from the very listening sockets (and kernel queues) of the old one. Linux, 64-bit layouts.
/// </summary>
internal static unsafe partial class FdPassing
{
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int MsgNoSignal = 0x4000;
    private const int MsgCTrunc = 0x8;
    private const int MsgCmsgCloexec = 0x40000000;
    private const int EAgain = 11;
    private const int EIntr = 4;

    /// <summary>The kernel's limit per message (SCM_MAX_FD).</summary>
    public const int MaxFds = 253;

    private static readonly int HeaderSize = sizeof(nuint) + 2 * sizeof(int);

    /// <summary>Sends <paramref name="data"/> (small enough for one message) with <paramref name="fds"/> attached.</summary>
    public static void Send(Socket socket, ReadOnlySpan<byte> data, ReadOnlySpan<int> fds)
    {
        if (fds.Length > MaxFds) throw new IOException($"cannot pass {fds.Length} sockets in one message (at most {MaxFds})");
        var space = Space(fds.Length);
        var control = stackalloc byte[space];
        new Span<byte>(control, space).Clear();
        if (fds.Length > 0)
        {
            *(nuint*)control = (nuint)(HeaderSize + fds.Length * sizeof(int));
            *(int*)(control + sizeof(nuint)) = SolSocket;
            *(int*)(control + sizeof(nuint) + sizeof(int)) = ScmRights;
            fds.CopyTo(new Span<int>(control + HeaderSize, fds.Length));
        }

        fixed (byte* bytes = data)
        {
            var iov = new IoVec { Base = bytes, Length = (nuint)data.Length };
            var message = new MessageHeader { Iov = &iov, IovLength = 1, Control = fds.Length > 0 ? control : null, ControlLength = fds.Length > 0 ? (nuint)space : 0 };
            nint sent;
            while ((sent = SendMessage((int)socket.Handle, &message, MsgNoSignal)) < 0 && Marshal.GetLastPInvokeError() == EIntr) { }
            if (sent < 0) throw Error("sendmsg");
            if (sent != data.Length) throw new IOException($"sendmsg sent {sent} of {data.Length} bytes");
        }
    }

    /// <summary>Receives what is waiting (the caller waited for it) and the descriptors attached, close-on-exec.</summary>
    /// <returns>The bytes read (0: the peer closed).</returns>
    public static int Receive(Socket socket, Span<byte> buffer, List<int> fds)
    {
        var space = Space(MaxFds);
        var control = stackalloc byte[space];
        fixed (byte* bytes = buffer)
        {
            var iov = new IoVec { Base = bytes, Length = (nuint)buffer.Length };
            var message = new MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)space };
            nint read;
            while ((read = ReceiveMessage((int)socket.Handle, &message, MsgCmsgCloexec)) < 0 && Marshal.GetLastPInvokeError() is EIntr or EAgain)
                socket.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead);
            if (read < 0) throw Error("recvmsg");
            for (var at = 0; message.ControlLength > 0 && at + HeaderSize <= (int)message.ControlLength;)
            {
                var length = (int)*(nuint*)(control + at);
                if (length < HeaderSize) break;
                if (*(int*)(control + at + sizeof(nuint)) == SolSocket && *(int*)(control + at + sizeof(nuint) + sizeof(int)) == ScmRights)
                    fds.AddRange(new ReadOnlySpan<int>(control + at + HeaderSize, (length - HeaderSize) / sizeof(int)));
                at += Align(length);
            }

            if ((message.Flags & MsgCTrunc) != 0)
            {
                CloseAll(fds);
                throw new IOException("recvmsg: the descriptors passed did not fit (truncated)");
            }

            return (int)read;
        }
    }

    public static void CloseAll(List<int> fds)
    {
        foreach (var fd in fds) Close(fd);
        fds.Clear();
    }

    private static int Align(int length) => (length + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);

    private static int Space(int fds) => HeaderSize + Align(fds * sizeof(int));

    private static IOException Error(string call)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMessage(int socket, MessageHeader* message, int flags);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint ReceiveMessage(int socket, MessageHeader* message, int flags);

    /// <summary>Closes one descriptor, and only that: an flock held through another descriptor of the same open file stays.</summary>
    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);
}
