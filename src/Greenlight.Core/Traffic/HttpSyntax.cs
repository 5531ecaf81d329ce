using System.Text.RegularExpressions;

namespace Greenlight.Core.Traffic;

/// <summary>
/// What the edge can put in a header or a cookie. The manifest and the edge's admin API check with the
/// same rules, so a value `greenlight validate` accepts is never refused mid-rollout.
/// </summary>
public static partial class HttpSyntax
{
    public static bool IsToken(string text) => Token().IsMatch(text);

    public static bool IsCookieValue(string text) => CookieValue().IsMatch(text);

    public static bool IsHeaderValue(string text) => HeaderValue().IsMatch(text);

    // RFC 9110 section 5.6.2 token: header names, and cookie names per RFC 6265 section 4.1.1.
    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}\z")]
    private static partial Regex Token();

    // RFC 6265 section 4.1.1 cookie-octet: visible ASCII but for DQUOTE, comma, semicolon and backslash.
    [GeneratedRegex(@"^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+\z")]
    private static partial Regex CookieValue();

    // Visible characters with inner spaces or tabs: parsers trim the ends of a field value and refuse controls.
    [GeneratedRegex(@"^[^\x00-\x20\x7F](?:[^\x00-\x08\x0A-\x1F\x7F]*[^\x00-\x20\x7F])?\z")]
    private static partial Regex HeaderValue();
}
