using Greenlight.Core.Traffic;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Routing.Rules;

/// <summary>
/// Keeps a user on one revision while the split changes. With the route's header (a user id) the
/// revision follows from a stable hash of the id laid over the weights; otherwise from the cookie the
/// edge set on the user's first answer. A pin to a revision that left the route or has weight 0 is
/// ignored, so that user goes through the weighted pick again and gets a new cookie.
/// </summary>
internal sealed class StickyRule
{
    private readonly StickyRoute _route;
    private readonly Backend[] _serving;  // positive weights, in route order
    private readonly long[] _ends;        // cumulative weights: _serving[i] owns [_ends[i-1], _ends[i])
    private readonly ulong _salt;

    public StickyRule(StickyRoute route, IReadOnlyList<Backend> backends)
    {
        _route = route;
        _serving = [.. backends.Where(b => b.Weight > 0)];
        _ends = new long[_serving.Length];
        long end = 0;
        for (var i = 0; i < _serving.Length; i++) _ends[i] = end += _serving[i].Weight;
        // Salted with the serving revisions, so each release gets its own cohort of canary users rather
        // than the same unlucky ids every time; the salt holds while only the weights change.
        _salt = UserHash.Salt(_serving.Select(b => b.Revision));
    }

    /// <summary>How long a pin served over HTTPS lasts in the browser; over plain HTTP it ends with the browser session.</summary>
    internal const int SecureMaxAgeSeconds = 86_400;

    /// <summary>The Set-Cookie value that pins a user to <paramref name="revision"/> (built once per table).</summary>
    public static string CookieFor(StickyRoute route, string revision, bool secure) => secure
        ? $"{route.Cookie}={revision}; Path=/; Max-Age={SecureMaxAgeSeconds}; Secure; HttpOnly; SameSite=Lax"
        : $"{route.Cookie}={revision}; Path=/; HttpOnly; SameSite=Lax";

    public Selection Select(IHeaderDictionary headers, RouteTable table)
    {
        if (_route.Header is { } header && headers.TryGetValue(header, out var ids) && ids.Count > 0 && ids[0] is { Length: > 0 } id)
            return new Selection(ByHash(id), null);

        var pinned = Pinned(CookieHeader.Find(headers.Cookie, _route.Cookie));
        if (pinned is not null) return new Selection(pinned, null);
        var picked = table.Pick();
        return new Selection(picked, picked?.StickyCookie);
    }

    /// <summary>
    /// Lays the hash over the weights, so a share of w/total of all ids lands on each revision. With two
    /// revisions, users of the one whose weight grows all stay on it: its range only widens.
    /// </summary>
    private Backend? ByHash(string id)
    {
        if (_serving.Length == 0) return null;
        var point = (long)Math.BigMul(UserHash.Of(_salt, id), (ulong)_ends[^1], out _);
        var i = 0;
        while (_ends[i] <= point) i++;
        return _serving[i];
    }

    private Backend? Pinned(ReadOnlySpan<char> revision)
    {
        if (revision.IsEmpty) return null;
        foreach (var backend in _serving)
        {
            if (revision.SequenceEqual(backend.Revision)) return backend;
        }

        return null;
    }
}
