using System.Net.Sockets;
using System.Text.Json;
using Greenlight.Edge.Persistence;

namespace Greenlight.Edge.Handoff;

/// <summary>
/// One hand-over conversation over the state directory's Unix socket, one JSON line at a time: the new edge says hello
/// (with the admin token), the old one answers with its offer and the descriptors attached, the new one says ready.
/// </summary>
internal sealed class HandoffChannel(Socket socket) : IDisposable
{
    private const int MaxLine = 64 * 1024;

    /// <summary>One message a line.</summary>
    private static readonly JsonSerializerOptions Compact = new(Json.Options) { WriteIndented = false };

    public static async Task<HandoffChannel> ConnectAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new HandoffChannel(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task SendAsync<T>(T message, CancellationToken cancellationToken) =>
        socket.SendAsync(Line(message), SocketFlags.None, cancellationToken).AsTask();

    /// <summary>Sends <paramref name="message"/> with <paramref name="fds"/> attached; they stay open here.</summary>
    public void Send<T>(T message, ReadOnlySpan<int> fds) => FdPassing.Send(socket, Line(message), fds);

    /// <summary>The next line, or null when the peer closed.</summary>
    public async Task<T?> ReceiveAsync<T>(CancellationToken cancellationToken) where T : class =>
        await ReceiveAsync<T>(null, cancellationToken);

    /// <summary>The next line and the descriptors that came with it (the caller owns them).</summary>
    public async Task<T?> ReceiveAsync<T>(List<int>? fds, CancellationToken cancellationToken) where T : class
    {
        var line = new List<byte>();
        var buffer = new byte[4096];
        while (!line.Contains((byte)'\n'))
        {
            if (line.Count > MaxLine) throw new IOException($"hand-over message longer than {MaxLine} bytes");
            int read;
            if (fds is null)
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            }
            else
            {
                // Waits without reading, then reads with recvmsg, which alone sees the descriptors.
                await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken);
                read = FdPassing.Receive(socket, buffer, fds);
            }

            if (read == 0) return null;
            line.AddRange(buffer.AsSpan(0, read));
        }

        return JsonSerializer.Deserialize<T>(line.ToArray().AsSpan(0, line.IndexOf((byte)'\n')), Compact);
    }

    public void Dispose() => socket.Dispose();

    private static byte[] Line<T>(T message) => [.. JsonSerializer.SerializeToUtf8Bytes(message, Compact), (byte)'\n'];
}

/// <summary>The new edge's hello: who it is and the admin token that proves it may take over.</summary>
internal sealed record HandoffHello(string Token, int Pid);

/// <summary>The old edge's answer: its sockets, in the order of the descriptors attached after the state lock's; or why not.</summary>
internal sealed record HandoffOffer(int Pid, IReadOnlyList<string> Admin, IReadOnlyList<string> Listeners, string? Error = null);

/// <summary>The new edge serves: the old one stops accepting and drains.</summary>
internal sealed record HandoffReady(int Pid);
