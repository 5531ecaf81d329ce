using System.Net;
using System.Net.Sockets;

namespace Greenlight.Testing;

public static class Ports
{
    /// <summary>A port nobody listens on right now (routes need a fixed port; 0 cannot be persisted).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string FreeListen() => $"127.0.0.1:{Free()}";
}
