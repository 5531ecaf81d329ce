using Greenlight.Core.Traffic;
using Greenlight.Edge.Routing;

namespace Greenlight.Edge.Tls;

/// <summary>Checks a route's <c>tls</c> before any file is read.</summary>
internal static class TlsValidator
{
    public static void Validate(AppRoute route, List<FieldError> errors)
    {
        if (route.Tls is not { } tls) return;
        ValidatePair("tls", tls.Certificate, tls.Key, errors);
        if (tls.MinVersion is not ("1.2" or "1.3"))
            errors.Add(new FieldError("tls.minVersion", $"'{tls.MinVersion}' must be 1.2 or 1.3"));
        if (tls.Hsts is { MaxAgeSeconds: < 0 })
            errors.Add(new FieldError("tls.hsts.maxAgeSeconds", "must not be negative"));
        if (tls.RedirectHttp is { } redirect)
        {
            if (!ListenAddress.TryParse(redirect, allowAnyPort: false, out var address, out var reason))
                errors.Add(new FieldError("tls.redirectHttp", reason));
            else if (ListenAddress.TryParse(route.Listen, allowAnyPort: false, out var listen, out _) && listen == address)
                errors.Add(new FieldError("tls.redirectHttp", $"{redirect} is the HTTPS listener itself"));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var hosts = tls.Hosts ?? [];
        for (var i = 0; i < hosts.Count; i++)
        {
            var at = $"tls.hosts[{i}]";
            if (hosts[i] is not { } host)
            {
                errors.Add(new FieldError(at, "must be an object"));
                continue;
            }

            if (Uri.CheckHostName(host.Host) != UriHostNameType.Dns)
                errors.Add(new FieldError($"{at}.host", $"'{host.Host}' must be a DNS host name"));
            else if (!names.Add(host.Host))
                errors.Add(new FieldError($"{at}.host", $"'{host.Host}' appears more than once"));
            ValidatePair(at, host.Certificate, host.Key, errors);
        }
    }

    private static void ValidatePair(string at, string? certificate, string? key, List<FieldError> errors)
    {
        // The edge runs in a directory of its own: a relative path would be read from somewhere else than meant.
        if (certificate is null || !Path.IsPathFullyQualified(certificate))
            errors.Add(new FieldError($"{at}.certificate", $"'{certificate}' must be an absolute path to a PEM file"));
        if (key is null || !Path.IsPathFullyQualified(key))
            errors.Add(new FieldError($"{at}.key", $"'{key}' must be an absolute path to a PEM file"));
    }
}
