using System.Net;
using System.Net.Sockets;

namespace Greenlight.Testing;

public static class Ports
{
    /// <summary>A port nobody listens on right now (routes need a fixed port; 0 cannot be persisted). Taken below the
    /// kernel's ephemeral range (32768 and up), where revisions and clients get theirs: a port handed out there could be
    /// taken by a revision started between this call and the edge binding it.</summary>
    public static int Free()
    {
        for (var tries = 0; tries < 100; tries++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: another
            }
        }
        throw new InvalidOperationException("no free loopback port between 20000 and 32000 after 100 tries");
    }

    public static string FreeListen() => $"127.0.0.1:{Free()}";
}
