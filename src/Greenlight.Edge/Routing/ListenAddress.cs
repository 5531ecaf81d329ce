using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Greenlight.Edge.Routing;

/// <summary>A <c>host:port</c> the edge binds: an IP literal (IPv6 in brackets), <c>localhost</c> or <c>*</c> (all interfaces).</summary>
internal sealed record ListenAddress(string Host, int Port)
{
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    public static bool TryParse(string? value, bool allowAnyPort, [NotNullWhen(true)] out ListenAddress? address, out string reason)
    {
        address = null;
        reason = "must be host:port, e.g. 127.0.0.1:8080";
        var colon = value?.LastIndexOf(':') ?? -1;
        if (value is null || colon <= 0) return false;

        var host = value[..colon];
        if (!int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535 || (port == 0 && !allowAnyPort))
        {
            reason = $"port of '{value}' must be between 1 and 65535";
            return false;
        }

        if (host is "*" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = new ListenAddress(host.ToLowerInvariant(), port);
            return true;
        }

        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (IPAddress.TryParse(bracketed ? host[1..^1] : host, out var ip) && IsCanonical(host, ip, bracketed))
        {
            address = new ListenAddress(ip.ToString(), port);
            return true;
        }

        reason = $"host of '{value}' must be an IP address ([..] for IPv6), localhost or *";
        return false;
    }

    public void Bind(KestrelServerOptions kestrel, Action<ListenOptions>? configure = null)
    {
        configure ??= _ => { };
        switch (Host)
        {
            case "localhost": kestrel.ListenLocalhost(Port, configure); break;
            case "*": kestrel.ListenAnyIP(Port, configure); break;
            default: kestrel.Listen(IPAddress.Parse(Host), Port, configure); break;
        }
    }

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>IPAddress.TryParse also takes shorthands such as "127.1" or "8080"; only dotted quads and bracketed IPv6 are meant.</summary>
    private static bool IsCanonical(string host, IPAddress ip, bool bracketed) =>
        ip.AddressFamily == AddressFamily.InterNetworkV6 ? bracketed : !bracketed && host.Count(c => c == '.') == 3;
}
