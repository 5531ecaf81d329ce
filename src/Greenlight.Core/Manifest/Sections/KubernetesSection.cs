using System.Text.RegularExpressions;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>The top-level <c>kubernetes</c> section, and the rules that tie it to <c>run.target</c>.</summary>
internal static partial class KubernetesSection
{
    // Namespaces and Gateway names are RFC 1123 labels (Kubernetes' "DNS label" names).
    private static readonly Scalar<string> Label = Scalars.Matching(
        LabelPattern(), "an RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");

    // Gateway API's Hostname type: an RFC 1123 subdomain, optionally with a leading "*." wildcard label.
    private static readonly Scalar<string> Hostname = Scalars.String(
        text => HostnamePattern().IsMatch(text) && !System.Net.IPAddress.TryParse(text, out _),
        "a hostname such as shop.example.com or *.example.com (lowercase, no port, no IP address)");

    public static KubernetesSpec? Read(NodeReader r, RunSpec? run)
    {
        // In a cluster the Gateway is the public edge: without an edge section, the route's hostnames are the app's address.
        var hasEdge = r.Has("edge") || r.Has("environments");
        if (run is null)
            return r.Has("kubernetes") ? r.Map("kubernetes", k => ReadSection(k, hasEdge)) : null;
        if (run.Target != RunSpec.KubernetesTarget)
        {
            if (r.Has("kubernetes"))
                r.Report("kubernetes", $"found a kubernetes section with run.target {run.Target}",
                    "run.target: kubernetes, or no kubernetes section: only the kubernetes target runs in a cluster");
            return null;
        }
        return r.RequiredMap("kubernetes", k => ReadSection(k, hasEdge));
    }

    /// <summary>What a Gateway API HTTPRoute cannot do, refused before a release finds out half way.</summary>
    public static void RefuseUnroutable(NodeReader r, RunSpec? run, StrategySpec? strategy)
    {
        if (run?.Target != RunSpec.KubernetesTarget || strategy?.Canary is not { } canary)
            return;
        if (canary.Sticky is not null)
            r.Report("strategy", "found canary.sticky with run.target kubernetes",
                "no sticky: a Gateway API HTTPRoute splits traffic by weight on every request and has no session affinity");
        if (canary.HeaderRoute is { Cookie: not null })
            r.Report("strategy", "found canary.headerRoute.cookie with run.target kubernetes",
                "canary.headerRoute.header: an HTTPRoute matches headers exactly but has no cookie match");
    }

    private static KubernetesSpec? ReadSection(NodeReader r, bool hasEdge)
    {
        var ns = r.Required("namespace", Label);
        var gateway = r.RequiredMap("gateway", g => (g.Required("name", Label), g.Optional("namespace", Label)) is ({ } name, var gns) ? new GatewayRef(name, gns) : null);
        if (!hasEdge && !r.Has("hostnames"))
            r.Report("hostnames", "missing required key", "the app's hostnames on the Gateway (its public address), or an edge section");
        var hostnames = r.ScalarList("hostnames", Hostname);
        return ns is null || gateway is null ? null : new KubernetesSpec(ns, gateway, hostnames);
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\z")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex HostnamePattern();
}
