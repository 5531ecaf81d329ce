using System.Text.RegularExpressions;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Routing.Rules;

namespace Greenlight.Edge.Routing;

/// <summary>Checks a route before it may touch the table; reports every problem, not only the first.</summary>
internal static partial class AppRouteValidator
{
    internal const int MaxWeight = 1_000_000;

    /// <summary>A day, as the manifest allows (for the drain and the idle timeout).</summary>
    private const double MaxDrainSeconds = 86_400;

    public static IReadOnlyList<FieldError> Validate(string app, AppRoute? route)
    {
        var errors = new List<FieldError>();
        if (route is null)
        {
            errors.Add(new FieldError("body", "an AppRoute JSON object is required"));
            return errors;
        }

        // Names end up in URLs, file names and Prometheus labels, so keep them plain.
        if (!Name().IsMatch(app)) errors.Add(new FieldError("app", $"'{app}' must match {Name()}"));
        if (route.App != app) errors.Add(new FieldError("app", $"'{route.App}' must equal the app in the URL ('{app}')"));
        if (!ListenAddress.TryParse(route.Listen, allowAnyPort: false, out _, out var listenReason))
            errors.Add(new FieldError("listen", route.Listen is null ? "is required" : listenReason));
        Tls.TlsValidator.Validate(route, errors);
        HostsValidator.Validate(route, errors);
        if (route.Upstream is not (null or "http1" or "http2"))
            errors.Add(new FieldError("upstream", $"'{route.Upstream}' must be http1 or http2"));
        if (route.DrainTimeoutSeconds is < 0 or > MaxDrainSeconds || route.DrainTimeoutSeconds is double.NaN)
            errors.Add(new FieldError("drainTimeoutSeconds", $"{route.DrainTimeoutSeconds} must be between 0 and {MaxDrainSeconds}"));
        if (route.IdleTimeoutSeconds is < 1 or > MaxDrainSeconds || route.IdleTimeoutSeconds is double.NaN)
            errors.Add(new FieldError("idleTimeoutSeconds", $"{route.IdleTimeoutSeconds} must be between 1 and {MaxDrainSeconds}"));

        if (route.Backends is null)
        {
            errors.Add(new FieldError("backends", "is required (may be empty)"));
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < route.Backends.Count; i++)
        {
            ValidateBackend($"backends[{i}]", route.Backends[i], seen, errors);
        }

        RuleValidator.Validate(route, seen, errors);
        return errors;
    }

    private static void ValidateBackend(string at, RouteBackend? backend, HashSet<string> seen, List<FieldError> errors)
    {
        if (backend is null)
        {
            errors.Add(new FieldError(at, "must be an object"));
            return;
        }

        if (backend.Revision is null || !Revision().IsMatch(backend.Revision))
            errors.Add(new FieldError($"{at}.revision", $"'{backend.Revision}' must match {Revision()}"));
        else if (!seen.Add(backend.Revision))
            errors.Add(new FieldError($"{at}.revision", $"'{backend.Revision}' appears more than once"));

        ValidateAddress($"{at}.address", backend.Address, errors);
        if (backend.Instances is { } instances)
        {
            if (instances.Count == 0 || instances[0] != backend.Address)
                errors.Add(new FieldError($"{at}.instances", "must list every instance's address, the backend's address first"));
            for (var i = 0; i < instances.Count; i++)
                ValidateAddress($"{at}.instances[{i}]", instances[i], errors);
        }

        if (backend.Weight is < 0 or > MaxWeight)
            errors.Add(new FieldError($"{at}.weight", $"{backend.Weight} must be between 0 and {MaxWeight}"));
    }

    private static void ValidateAddress(string at, Uri? address, List<FieldError> errors)
    {
        if (address is not { IsAbsoluteUri: true } || address.Scheme is not ("http" or "https"))
            errors.Add(new FieldError(at, $"'{address}' must be an absolute http:// or https:// URL"));
        else if (address.Query.Length > 0 || address.Fragment.Length > 0 || address.UserInfo.Length > 0)
            errors.Add(new FieldError(at, $"'{address}' must not carry a query, fragment or user info"));
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}\z")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+@-]{0,127}\z")]
    private static partial Regex Revision();
}
