using Microsoft.Extensions.Primitives;

namespace Greenlight.Edge.Routing.Rules;

/// <summary>
/// Finds one cookie in a request's Cookie header without allocating: HttpRequest.Cookies would parse
/// every cookie into a dictionary on each request, for the one the edge wants.
/// </summary>
internal static class CookieHeader
{
    /// <summary>The value of the first cookie called <paramref name="name"/> (unquoted), or empty when there is none.</summary>
    public static ReadOnlySpan<char> Find(StringValues header, string name)
    {
        // HTTP/2 clients may send the cookies in several header fields.
        for (var i = 0; i < header.Count; i++)
        {
            var value = Find(header[i].AsSpan(), name);
            if (!value.IsEmpty) return value;
        }

        return default;
    }

    private static ReadOnlySpan<char> Find(ReadOnlySpan<char> header, string name)
    {
        // RFC 6265 section 4.2.1: cookie-pair *( ";" SP cookie-pair ), tolerating missing or extra whitespace.
        while (!header.IsEmpty)
        {
            var end = header.IndexOf(';');
            var pair = (end < 0 ? header : header[..end]).Trim();
            header = end < 0 ? default : header[(end + 1)..];
            var equals = pair.IndexOf('=');
            if (equals <= 0 || !pair[..equals].TrimEnd().SequenceEqual(name)) continue;

            var value = pair[(equals + 1)..].TrimStart();
            return value is ['"', .. var inner, '"'] ? inner : value;
        }

        return default;
    }
}
