using Greenlight.Core.Traffic;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Routing.Rules;

/// <summary>
/// A route's match rules and sticky sessions, compiled with its table so that one swap changes them
/// together with the weights. Null for a route that has neither: such a table only runs SWRR.
/// </summary>
internal sealed class RequestRules
{
    private readonly MatchRule[] _matches;
    private readonly StickyRule? _sticky;

    private RequestRules(MatchRule[] matches, StickyRule? sticky)
    {
        _matches = matches;
        _sticky = sticky;
    }

    /// <param name="backends">The table's backends, in route order; every match names one of them (validated).</param>
    public static RequestRules? For(AppRoute route, IReadOnlyList<Backend> backends)
    {
        MatchRule[] matches = [.. (route.Matches ?? []).Select(m => new MatchRule(m, backends.First(b => b.Revision == m.Revision)))];
        var sticky = route.Sticky is { } s ? new StickyRule(s, backends) : null;
        return matches.Length == 0 && sticky is null ? null : new RequestRules(matches, sticky);
    }

    /// <summary>The first match rule wins whatever the weights; then stickiness; then the weighted pick.</summary>
    public Selection Select(HttpRequest request, RouteTable table)
    {
        var headers = request.Headers;
        foreach (var match in _matches)
        {
            if (match.IsMatch(headers)) return new Selection(match.Target, null);
        }

        return _sticky is null ? new Selection(table.Pick(), null) : _sticky.Select(headers, table);
    }
}

/// <summary>Where one request goes (null: nowhere, answer 503) and the sticky cookie to set on its answer, if any.</summary>
internal readonly record struct Selection(Backend? Backend, string? SetCookie);
