using System.Net;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>
/// The listen addresses the regions of a manifest took so far: each region runs its own edge, so no two may bind
/// overlapping addresses (the same one, a wildcard and anything on its port, localhost and a loopback address).
/// </summary>
internal sealed class ListenClaims
{
    private readonly List<(string Listen, string Owner)> claims = [];

    /// <returns>Null when <paramref name="listen"/> was free and is now <paramref name="owner"/>'s, else who holds it.</returns>
    public string? Claim(string listen, string owner)
    {
        var taken = claims.FirstOrDefault(claim => Overlap(claim.Listen, listen)).Owner;
        if (taken is null)
            claims.Add((listen, owner));
        return taken;
    }

    private static bool Overlap(string a, string b)
    {
        var (hostA, portA) = Split(a);
        var (hostB, portB) = Split(b);
        return portA == portB
            && (Equals(hostA, hostB) || IsAny(hostA) || IsAny(hostB) || (hostA is null && IsLoopback(hostB)) || (hostB is null && IsLoopback(hostA)));
    }

    /// <summary>Listen addresses were validated when read; localhost is a null address.</summary>
    private static (IPAddress? Host, string Port) Split(string listen)
    {
        var colon = listen.LastIndexOf(':');
        var host = listen[..colon];
        return (host == "localhost" ? null : IPAddress.Parse(host.Trim('[', ']')), listen[(colon + 1)..]);
    }

    private static bool IsAny(IPAddress? host) => host is not null && (host.Equals(IPAddress.Any) || host.Equals(IPAddress.IPv6Any));

    private static bool IsLoopback(IPAddress? host) => host is null || host.Equals(IPAddress.Loopback) || host.Equals(IPAddress.IPv6Loopback);
}
