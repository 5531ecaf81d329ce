using System.Text.RegularExpressions;
using Greenlight.Core.Traffic;

namespace Greenlight.Edge.Routing.Rules;

/// <summary>Checks a route's sticky and match settings, naming the field at fault (<c>sticky.cookie</c>, <c>matches[1].value</c>).</summary>
internal static partial class RuleValidator
{
    public static void Validate(AppRoute route, IReadOnlySet<string> revisions, List<FieldError> errors)
    {
        if (route.Sticky is { } sticky)
        {
            CheckName("sticky.cookie", sticky.Cookie, required: true, errors);
            CheckName("sticky.header", sticky.Header, required: false, errors);
        }

        var matches = route.Matches ?? [];
        for (var i = 0; i < matches.Count; i++)
        {
            ValidateMatch($"matches[{i}]", matches[i], revisions, errors);
        }
    }

    private static void ValidateMatch(string at, MatchRoute? match, IReadOnlySet<string> revisions, List<FieldError> errors)
    {
        if (match is null)
        {
            errors.Add(new FieldError(at, "must be an object"));
            return;
        }

        if (match.Revision is null || !revisions.Contains(match.Revision))
            errors.Add(new FieldError($"{at}.revision", $"'{match.Revision}' must be one of the backends' revisions"));

        if ((match.Header is null) == (match.Cookie is null))
            errors.Add(new FieldError(at, $"must have exactly one of header and cookie (has {(match.Header is null ? "neither" : "both")})"));
        CheckName($"{at}.header", match.Header, required: false, errors);
        CheckName($"{at}.cookie", match.Cookie, required: false, errors);

        // A value no request can carry would be a rule that silently never matches.
        if (string.IsNullOrEmpty(match.Value))
            errors.Add(new FieldError($"{at}.value", "is required and must not be empty"));
        else if (match.Cookie is not null ? !CookieValue().IsMatch(match.Value) : !HeaderValue().IsMatch(match.Value))
            errors.Add(new FieldError($"{at}.value", $"'{match.Value}' is not a possible {(match.Cookie is null ? "header" : "cookie")} value"));
    }

    private static void CheckName(string field, string? name, bool required, List<FieldError> errors)
    {
        if (name is null ? required : !Token().IsMatch(name))
            errors.Add(new FieldError(field, $"'{name}' must be a header/cookie name (RFC 9110 token characters)"));
    }

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
