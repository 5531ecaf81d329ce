using System.Security.Cryptography;
using System.Text;
using Greenlight.Core.Traffic;

namespace Greenlight.Core.Drift;

/// <summary>An app's route as drift compares it: the same table always has the same digest, whatever the order its
/// backends are listed in (the order of match rules counts: the first that matches wins).</summary>
public static class RouteText
{
    public static string Digest(AppRoute route)
    {
        var text = new StringBuilder($"listen\0{route.Listen}\n");
        foreach (var b in route.Backends.OrderBy(b => b.Revision, StringComparer.Ordinal))
            text.Append($"backend\0{b.Revision}\0{string.Join('\0', b.Addresses.Select(a => a.AbsoluteUri))}\0{b.Weight}\n");
        if (route.Sticky is { } s)
            text.Append($"sticky\0{s.Cookie}\0{s.Header}\n");
        foreach (var m in route.Matches ?? [])
            text.Append($"match\0{m.Revision}\0{m.Header}\0{m.Cookie}\0{m.Value}\n");
        // Only a route with TLS adds a line, so digests recorded before TLS existed still match.
        if (route.Tls is { } t)
        {
            text.Append($"tls\0{t.Certificate}\0{t.Key}\0{t.MinVersion}\0{t.Hsts?.HeaderValue}\0{t.RedirectHttp}\n");
            foreach (var h in t.Hosts ?? [])
                text.Append($"tls-host\0{h.Host}\0{h.Certificate}\0{h.Key}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>"2.0 127.0.0.1:41234 100%, 1.0 127.0.0.1:40001 0%; sticky cookie gl; header X-Canary to 2.0 (route 3f2a9c1)":
    /// never a match rule's value, which may be a tester's token.</summary>
    public static string Describe(AppRoute route)
    {
        var parts = new List<string>
        {
            route.Backends.Count == 0 ? "no backends"
                : string.Join(", ", route.Backends.OrderByDescending(b => b.Weight).ThenBy(b => b.Revision, StringComparer.Ordinal)
                    .Select(b => $"{b.Revision} {string.Join(" ", b.Addresses.Select(a => a.Authority))} {b.Weight}%")),
        };
        if (route.Sticky is { } s)
            parts.Add($"sticky {(s.Header is null ? "" : $"header {s.Header}, ")}cookie {s.Cookie}");
        parts.AddRange((route.Matches ?? []).Select(m => $"{(m.Header is not null ? $"header {m.Header}" : $"cookie {m.Cookie}")} to {m.Revision}"));
        return $"{string.Join("; ", parts)} (route {Short(Digest(route))})";
    }

    public static string Short(string digest) => digest[..Math.Min(7, digest.Length)];
}
