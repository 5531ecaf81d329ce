using System.Net;
using System.Net.Sockets;

namespace Greenlight.Providers.Targets.Process;

public static class LoopbackPort
{
    /// <summary>Lets the kernel pick a free port on 127.0.0.1 and releases it for the revision to bind.
    /// Another process could take it in between; the revision then fails to bind and its start fails
    /// with its own error in the log tail, which is rare enough not to reserve ports.</summary>
    public static int PickFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
