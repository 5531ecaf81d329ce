namespace Greenlight.Core.Traffic;

/// <summary>
/// What an app asks of a listen address it may share with other apps: the host names it answers and the TLS it is served
/// with. Apps share an address when each names its hosts, no host is named twice, and they agree on what the listening
/// sockets are (TLS on or off, the same <c>redirectHttp</c>); certificates, <c>minVersion</c> and HSTS stay each app's own.
/// </summary>
public sealed record ListenerShare(string App, IReadOnlyList<string>? Hosts, EdgeTls? Tls)
{
    public static ListenerShare Of(AppRoute route) => new(route.App, route.Hosts, route.Tls);

    /// <summary>Why this app cannot join <paramref name="other"/> on <paramref name="listen"/>, naming the field of this
    /// app at fault; null when it can.</summary>
    public (string Field, string Reason)? ConflictWith(ListenerShare other, string listen)
    {
        if (other.Hosts is not { Count: > 0 })
            return ("listen", $"{listen} is already used by app '{other.App}', which names no hosts: give each app its hosts, or this one another address");
        if (Hosts is not { Count: > 0 })
            return ("hosts", $"{listen} is shared with app '{other.App}': name the host names this app answers there");
        if ((Tls is null) != (other.Tls is null))
            return ("tls", $"app '{other.App}' serves {listen} {(other.Tls is null ? "without" : "with")} TLS: apps sharing an address all use TLS or none does");
        if (Tls?.RedirectHttp != other.Tls?.RedirectHttp)
            return ("tls.redirectHttp", $"'{Tls?.RedirectHttp}' differs from app '{other.App}''s '{other.Tls?.RedirectHttp}' on {listen}: apps sharing an address share its redirect listener");
        for (var i = 0; i < Hosts.Count; i++)
        {
            if (other.Hosts.Contains(Hosts[i], StringComparer.OrdinalIgnoreCase))
                return ($"hosts[{i}]", $"'{Hosts[i]}' is already served by app '{other.App}' on {listen}");
        }

        return null;
    }
}
