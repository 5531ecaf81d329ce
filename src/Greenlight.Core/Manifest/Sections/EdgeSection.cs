using System.Globalization;
using Greenlight.Core.Manifest.Reading;
using Greenlight.Core.Traffic;

namespace Greenlight.Core.Manifest.Sections;

internal static class EdgeSection
{
    /// <summary>The traffic routers an app may pick with <c>edge.router</c>.</summary>
    private static readonly Scalar<string> Routers = Scalars.OneOf(EdgeSpec.EdgeRouter, EdgeSpec.HaproxyRouter);

    private static readonly Scalar<string> HostName = Scalars.String(HostNames.IsValid, HostNames.Expected);

    private static readonly Scalar<string> Upstreams = Scalars.OneOf(EdgeSpec.Http1Upstream, EdgeSpec.Http2Upstream);

    /// <summary>Up to a day: longer would hold a retiring revision (and its rollout's lane) for longer than anyone waits.</summary>
    private static readonly Scalar<TimeSpan> DrainTimeout =
        Scalars.DurationOrZero.Where(value => value <= TimeSpan.FromDays(1), "a duration from 0s to 24h");

    /// <summary>From 1s, as the edge cannot time finer than that in practice, to a day, as the drain timeout.</summary>
    private static readonly Scalar<TimeSpan> IdleTimeout =
        Scalars.DurationOrZero.Where(value => value >= TimeSpan.FromSeconds(1) && value <= TimeSpan.FromDays(1), "a duration from 1s to 24h");

    /// <summary>What the embedded edge does that a Gateway in a cluster does its own way: refused rather than dropped.</summary>
    private static readonly (string Key, string Expected)[] NotInCluster =
    [
        ("router", "no router: a kubernetes app's traffic is split by its HTTPRoute on kubernetes.gateway"),
        ("tls", "no tls: in a cluster the Gateway's listeners terminate TLS (their certificateRefs)"),
        ("hosts", "kubernetes.hostnames: the host names of the app's HTTPRoute"),
        ("upstream", "no upstream: the Gateway picks the protocol to a revision's Service itself"),
        ("drainTimeout", "no drainTimeout: the Gateway finishes a retired revision's requests, within its pods' termination grace period"),
        ("idleTimeout", "no idleTimeout: the Gateway's own timeouts apply"),
    ];

    /// <param name="inCluster">The app runs with <c>run.target: kubernetes</c>, where the edge section gives only the address
    /// that checks go through.</param>
    public static EdgeSpec? Read(NodeReader r, string baseDirectory, bool inCluster = false)
    {
        if (inCluster)
            foreach (var (key, expected) in NotInCluster.Where(k => r.Has(k.Key)))
                r.Report(key, $"found {key} with run.target kubernetes", expected);
        var listen = r.Required("listen", ManifestValues.Listen);
        var router = r.Optional("router", Routers, EdgeSpec.EdgeRouter);
        var hosts = ReadHosts(r);
        var tls = r.Has("tls") ? r.RequiredMap("tls", t => TlsSection.Read(t, baseDirectory, listen, hosts)) : null;
        if (tls is not null && router != EdgeSpec.EdgeRouter)
            r.Report("tls", $"found tls with router \"{router}\"", $"router \"{EdgeSpec.EdgeRouter}\" for HTTPS: the {router} router serves plain HTTP");
        if (hosts is not null && router != EdgeSpec.EdgeRouter)
            r.Report("hosts", $"found hosts with router \"{router}\"", $"router \"{EdgeSpec.EdgeRouter}\" for host-based routing: the {router} router gives each app a listener of its own");
        var upstream = r.Optional("upstream", Upstreams, EdgeSpec.Http1Upstream);
        if (upstream != EdgeSpec.Http1Upstream && router != EdgeSpec.EdgeRouter)
            r.Report("upstream", $"found upstream \"{upstream}\" with router \"{router}\"",
                $"router \"{EdgeSpec.EdgeRouter}\" for HTTP/2 to revisions: the {router} router speaks HTTP/1.1 to them");
        var drainTimeout = r.Optional("drainTimeout", DrainTimeout, EdgeSpec.DefaultDrainTimeout);
        // The HAProxy router forgets a revision's sessions once it leaves the route, so nothing could wait on them.
        if (r.Has("drainTimeout") && router != EdgeSpec.EdgeRouter)
            r.Report("drainTimeout", $"found drainTimeout with router \"{router}\"",
                $"router \"{EdgeSpec.EdgeRouter}\" for a drain timeout: the {router} router cannot count a retiring revision's open connections");
        var idleTimeout = r.Optional("idleTimeout", IdleTimeout, EdgeSpec.DefaultIdleTimeout);
        // HAProxy's `timeout server` would also bound its gRPC streams, and its config is written once per app.
        if (r.Has("idleTimeout") && router != EdgeSpec.EdgeRouter)
            r.Report("idleTimeout", $"found idleTimeout with router \"{router}\"",
                $"router \"{EdgeSpec.EdgeRouter}\" for an idle timeout: the {router} router keeps its own (timeout server 1m)");
        return listen is null || (r.Has("tls") && tls is null)
            ? null
            : new EdgeSpec(listen, router) { Tls = tls, Hosts = hosts, Upstream = upstream, DrainTimeout = drainTimeout, IdleTimeout = idleTimeout };
    }

    /// <summary><c>edge.hosts</c>, lower case; null when absent.</summary>
    private static List<string>? ReadHosts(NodeReader r)
    {
        if (!r.Has("hosts")) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hosts = r.ScalarList("hosts", HostName, nonEmpty: true).Select(h => h.ToLowerInvariant()).ToList();
        foreach (var twice in hosts.Where(h => !seen.Add(h)).Distinct())
            r.Report("hosts", $"found \"{twice}\" a second time", "each host name once");
        return hosts;
    }
}

/// <summary><c>edge.tls</c>: certificate files are resolved here, so the edge gets absolute paths and reads them itself.</summary>
internal static class TlsSection
{
    private static readonly Scalar<string> MinVersion = Scalars.OneOf("1.2", "1.3");

    // HSTS ages are written in days more often than not, which plain durations do not take.
    private static readonly Scalar<TimeSpan> MaxAge = new("a duration such as 180d, 24h or 3600s", (string text, out TimeSpan value) =>
    {
        value = TimeSpan.Zero;
        if (text.EndsWith('d') && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            && days <= 36500)
        {
            value = TimeSpan.FromDays(days);
            return true;
        }

        return DurationText.TryParse(text, out value);
    });

    private static readonly Scalar<string> HostName = Scalars.String(
        text => Uri.CheckHostName(text) == UriHostNameType.Dns, "a DNS host name such as shop.example.com");

    /// <summary>A PEM file the edge reads itself (and reloads when it is renewed), or a secret the controller writes to an
    /// owner-only file for it (<see cref="EdgeTls.IsSecret"/>). <c>file:</c> would only copy a file the edge can read.</summary>
    private static readonly Scalar<string> Pem = Scalars.String(
        text => text.Length > 0 && (!SecretReference.TryParse(text, out var reference) || (reference.Scheme != SecretReference.File && reference.IsValid)),
        "the path of a PEM file, or a secret reference: store:<path>, env:<NAME> or vault:<mount>/<path>#<key>");

    private static string? ReadPem(NodeReader r, string key, string baseDirectory) =>
        r.Required(key, Pem) is { } text ? EdgeTls.IsSecret(text) ? text : Path.GetFullPath(text, baseDirectory) : null;

    /// <param name="served">The app's <c>edge.hosts</c>: with them, a certificate is chosen only after the app is.</param>
    public static EdgeTls? Read(NodeReader r, string baseDirectory, string? listen, IReadOnlyList<string>? served)
    {
        var certificate = ReadPem(r, "certificate", baseDirectory);
        var key = ReadPem(r, "key", baseDirectory);
        var hostNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hosts = r.List("hosts", (h, _) => ReadHost(h, baseDirectory, hostNames, served));
        var hsts = r.Has("hsts") ? r.RequiredMap("hsts", h => h.Required("maxAge", MaxAge) is { } age
            ? new EdgeHsts((long)age.TotalSeconds, h.Optional("includeSubDomains", Scalars.Bool, false))
            : null) : null;
        var redirect = r.Optional("redirectHttp", ManifestValues.Listen);
        if (redirect is not null && redirect == listen)
            r.Report("redirectHttp", $"found {redirect}, the HTTPS listener itself", "another host:port for plain HTTP");
        var minVersion = r.Optional("minVersion", MinVersion, "1.2");
        return certificate is null || key is null
            ? null
            : new EdgeTls(certificate, key)
            {
                Hosts = hosts.Count > 0 ? hosts : null, MinVersion = minVersion, Hsts = hsts, RedirectHttp = redirect,
            };
    }

    private static TlsHost? ReadHost(NodeReader r, string baseDirectory, HashSet<string> names, IReadOnlyList<string>? served)
    {
        var host = r.Required("host", HostName);
        if (host is not null && !names.Add(host))
            r.Report("host", $"found \"{host}\" a second time", "each host name once");
        else if (host is not null && served is not null && !served.Any(s => HostNames.Matches(s, host)))
            r.Report("host", $"found \"{host}\", which edge.hosts does not name", "one of the app's edge.hosts: its certificate is served only to requests for this app");
        var certificate = ReadPem(r, "certificate", baseDirectory);
        var key = ReadPem(r, "key", baseDirectory);
        return host is null || certificate is null || key is null ? null : new TlsHost(host.ToLowerInvariant(), certificate, key);
    }
}
