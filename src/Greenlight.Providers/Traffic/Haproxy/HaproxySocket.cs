using System.Net.Sockets;
using System.Text;

namespace Greenlight.Providers.Traffic.Haproxy;

/// <summary>HAProxy's runtime API over its stats socket: one connection per command line, as the non-interactive CLI expects.</summary>
internal sealed class HaproxySocket(string path)
{
    public string Path { get; } = path;

    /// <summary>Sends one line (commands may be joined by "; " and run in order) and returns everything HAProxy answered.</summary>
    public async Task<string> SendAsync(string line, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Path), cancellationToken);
            await socket.SendAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (SocketException e)
        {
            throw new HaproxyException($"haproxy is not answering on its stats socket {Path}: {e.Message} (is the haproxy process still running?)", e);
        }
    }

    /// <summary>Runs commands whose success is silence (set server weight/state, map edits): any answer is HAProxy's error.
    /// With <paramref name="expectAnswers"/> (set server addr), success is HAProxy saying what changed or that nothing had to.</summary>
    public async Task RunQuietAsync(IReadOnlyList<string> commands, CancellationToken cancellationToken, bool expectAnswers = false)
    {
        if (commands.Count == 0) return;
        var answer = (await SendAsync(string.Join("; ", commands), cancellationToken)).Trim();
        var refused = expectAnswers
            ? answer.Split('\n').Any(l => l.Trim().Length > 0 && !l.Contains("changed", StringComparison.Ordinal) && !l.Contains("no need to change", StringComparison.Ordinal))
            : answer.Length > 0;
        if (refused)
            throw new HaproxyException($"haproxy refused a command on {Path}: {answer} (commands: {string.Join("; ", commands)})");
    }
}
