using System.Collections.Frozen;
using Greenlight.Core.Traffic;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Routing;

/// <summary>
/// The apps of one listen address by host name, built whole when an app joins, leaves or changes its hosts, and read
/// lock-free per request. An address with one app that names no hosts sends it every request without reading the Host
/// header: the single-app path costs what it did before apps could share an address.
/// </summary>
internal sealed class HostMap
{
    public static readonly HostMap Empty = new([]);

    private readonly EdgeApp? _all;
    private readonly FrozenDictionary<string, EdgeApp>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly FrozenDictionary<string, EdgeApp>.AlternateLookup<ReadOnlySpan<char>> _wildcards; // by what follows "*."

    private HostMap(IReadOnlyList<Entry> entries)
    {
        Entries = entries;
        IsShared = entries.Count > 1;
        if (entries is [{ Share.Hosts: null or [] } only]) _all = only.App;
        var names = entries.SelectMany(e => (e.Share.Hosts ?? []).Select(host => (Host: host, e.App))).ToList();
        _exact = Lookup(names.Where(n => !HostNames.IsWildcard(n.Host)).Select(n => (n.Host, n.App)));
        _wildcards = Lookup(names.Where(n => HostNames.IsWildcard(n.Host)).Select(n => (n.Host[2..], n.App)));
    }

    /// <summary>Each app here with what it claimed of the address.</summary>
    public IReadOnlyList<Entry> Entries { get; }

    public bool IsEmpty => Entries.Count == 0;

    /// <summary>More than one app here: a TLS connection may then carry a request for another app than its SNI name's.</summary>
    public bool IsShared { get; }

    /// <summary>The map with <paramref name="app"/> added, or its hosts replaced by <paramref name="share"/>'s.</summary>
    public HostMap With(EdgeApp app, ListenerShare share)
    {
        var current = Entries.FirstOrDefault(e => e.App == app);
        if (current is not null && SameHosts(current.Share.Hosts, share.Hosts)) return this;
        return new([.. Entries.Where(e => e.App != app), new Entry(app, share)]);
    }

    public HostMap Without(EdgeApp app) => Entries.Any(e => e.App == app) ? new([.. Entries.Where(e => e.App != app)]) : this;

    /// <summary>The app answering <paramref name="request"/>, or null. HTTP/2's :authority arrives as the Host header.</summary>
    public EdgeApp? Find(HttpRequest request) => _all ?? Find(request.Headers.Host.ToString());

    /// <summary>The app answering <paramref name="host"/> (a Host header or SNI name, any case, port ignored), or null.</summary>
    public EdgeApp? Find(ReadOnlySpan<char> host)
    {
        var name = NameOf(host);
        if (_exact.TryGetValue(name, out var app)) return app; // exact beats wildcard
        var dot = name.IndexOf('.');
        return dot > 0 && _wildcards.TryGetValue(name[(dot + 1)..], out app) ? app : null;
    }

    /// <summary>Whose certificate a handshake gets: the only app's whatever the SNI name; else the app of that name, if any.</summary>
    public EdgeApp? ForHandshake(string? serverName) => Entries switch
    {
        [var only] => only.App,
        _ => string.IsNullOrEmpty(serverName) ? null : Find(serverName),
    };

    private static ReadOnlySpan<char> NameOf(ReadOnlySpan<char> host)
    {
        if (host.StartsWith('[')) return []; // an IPv6 literal names no app
        var colon = host.LastIndexOf(':');
        if (colon >= 0) host = host[..colon];
        return host.EndsWith('.') ? host[..^1] : host; // "shop.example.com." is the same name
    }

    private static FrozenDictionary<string, EdgeApp>.AlternateLookup<ReadOnlySpan<char>> Lookup(IEnumerable<(string Key, EdgeApp App)> names) =>
        names.ToFrozenDictionary(n => n.Key, n => n.App, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool SameHosts(IReadOnlyList<string>? a, IReadOnlyList<string>? b) => (a ?? []).SequenceEqual(b ?? [], StringComparer.OrdinalIgnoreCase);

    internal sealed record Entry(EdgeApp App, ListenerShare Share);
}
