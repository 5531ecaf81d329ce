using Greenlight.Core.Traffic;

namespace Greenlight.Edge.Routing.Rules;

/// <summary>Checks a route's sticky and match settings, naming the field at fault (<c>sticky.cookie</c>, <c>matches[1].value</c>).</summary>
internal static class RuleValidator
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
        else if (match.Cookie is not null ? !HttpSyntax.IsCookieValue(match.Value) : !HttpSyntax.IsHeaderValue(match.Value))
            errors.Add(new FieldError($"{at}.value", $"'{match.Value}' is not a possible {(match.Cookie is null ? "header" : "cookie")} value"));
    }

    private static void CheckName(string field, string? name, bool required, List<FieldError> errors)
    {
        if (name is null ? required : !HttpSyntax.IsToken(name))
            errors.Add(new FieldError(field, $"'{name}' must be a header/cookie name (RFC 9110 token characters)"));
    }
}
