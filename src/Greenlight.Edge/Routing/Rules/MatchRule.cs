using Greenlight.Core.Traffic;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Routing.Rules;

/// <summary>A validated <see cref="MatchRoute"/> bound to its table's backend: testers reach it whatever its weight.</summary>
internal sealed class MatchRule(MatchRoute route, Backend target)
{
    public Backend Target { get; } = target;

    /// <summary>True when the rule's header has a field equal to the value, or its cookie equals it (ordinal, whole value).</summary>
    public bool IsMatch(IHeaderDictionary headers)
    {
        if (route.Cookie is not null) return CookieHeader.Find(headers.Cookie, route.Cookie).SequenceEqual(route.Value);
        if (!headers.TryGetValue(route.Header!, out var values)) return false;
        foreach (var value in values)
        {
            if (string.Equals(value, route.Value, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
