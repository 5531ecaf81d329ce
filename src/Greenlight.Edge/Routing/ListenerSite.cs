using Greenlight.Core.Traffic;
using Greenlight.Edge.Forwarding;

namespace Greenlight.Edge.Routing;

/// <summary>
/// One public listen address and the apps served on it. It lives while any app uses it: its listener is bound when the
/// first app comes and closed when the last one leaves. What the listening sockets are (TLS or not, the redirect
/// listener) is fixed for its life; the apps' hosts, certificates and tables change under it.
/// </summary>
internal sealed class ListenerSite(ListenAddress address, EdgeTls? tls)
{
    private HostMap _map = HostMap.Empty;

    public ListenAddress Address { get; } = address;

    /// <summary>The TLS the listener was bound for (its certificates are each app's own, chosen per handshake); null: plain HTTP.</summary>
    public EdgeTls? Tls { get; } = tls;

    /// <summary>Null when binding failed at restore; the next change of an app here binds it again.</summary>
    public PublicListener? Listener { get; set; }

    public HostMap Map
    {
        get => Volatile.Read(ref _map);
        set => Volatile.Write(ref _map, value);
    }
}
