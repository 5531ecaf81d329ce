using Greenlight.Core.Traffic;

namespace Greenlight.Edge.Routing;

/// <summary>Checks a route's <c>hosts</c>: names the edge can match, each once, covering the names of its SNI certificates.</summary>
internal static class HostsValidator
{
    public static void Validate(AppRoute route, List<FieldError> errors)
    {
        if (route.Hosts is not { } hosts) return;
        if (hosts.Count == 0) errors.Add(new FieldError("hosts", "must list at least one host name, or be left out for all"));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < hosts.Count; i++)
        {
            if (!HostNames.IsValid(hosts[i]))
                errors.Add(new FieldError($"hosts[{i}]", $"'{hosts[i]}' must be {HostNames.Expected}"));
            else if (!seen.Add(hosts[i]))
                errors.Add(new FieldError($"hosts[{i}]", $"'{hosts[i]}' appears more than once"));
        }

        // The app is chosen by the SNI name before its certificate is: a certificate for a name it does not answer is never served.
        var named = route.Tls?.Hosts ?? [];
        for (var i = 0; i < named.Count; i++)
        {
            if (named[i]?.Host is { } host && !hosts.Any(h => h is not null && HostNames.Matches(h, host)))
                errors.Add(new FieldError($"tls.hosts[{i}].host", $"'{host}' is not one of the route's hosts"));
        }
    }
}
