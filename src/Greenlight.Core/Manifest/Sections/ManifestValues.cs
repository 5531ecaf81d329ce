using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Greenlight.Core.Checks;
using Greenlight.Core.Manifest.Reading;
using Greenlight.Core.Traffic;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>The scalar kinds specific to <c>greenlight.yaml</c>.</summary>
internal static partial class ManifestValues
{
    /// <summary>Names of the app and of its metrics: they appear in revision names, URLs, logs and events.</summary>
    public static readonly Scalar<string> Name = Scalars.Matching(
        NamePattern(), "a name of lowercase letters, digits and '-' that starts with a letter, at most 63 characters");

    public static readonly Scalar<string> UrlPath = Scalars.String(text => text.StartsWith('/'), "a path starting with /");

    public static readonly Scalar<string> HttpMethod = Scalars.OneOf("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    public static readonly Scalar<int> StatusCode = Scalars.Int(100, 599, "an HTTP status code");

    public static readonly Scalar<string> HeaderName = Scalars.String(HttpSyntax.IsToken, "an HTTP header name such as Authorization");

    // RFC 6265 takes a cookie name to be a token, like a header name.
    public static readonly Scalar<string> CookieName = Scalars.String(HttpSyntax.IsToken, "a cookie name such as gl-revision");

    public static readonly Scalar<string> EnvironmentName = Scalars
        .Matching(IdentifierPattern(), "an environment variable name such as SHOP_MODE")
        .Where(name => name != "PORT", "a name other than PORT, which Greenlight sets to the revision's port");

    public static readonly Scalar<string> VariableName = Scalars.Matching(IdentifierPattern(), "a variable name of letters, digits and _");

    public static readonly Scalar<string> JsonPathText = Scalars.String(
        text => JsonPath.TryParse(text, out _), "a JSON path such as $.user.name or $.items[0]");

    public static readonly Scalar<ReconcileMode> Reconcile = new("auto or off", (string text, out ReconcileMode mode) =>
    {
        mode = text.Equals("auto", StringComparison.OrdinalIgnoreCase) ? ReconcileMode.Auto : ReconcileMode.Off;
        return mode == ReconcileMode.Auto || text.Equals("off", StringComparison.OrdinalIgnoreCase);
    });

    public static readonly Scalar<string> Listen = Scalars.String(
        IsListenAddress, "host:port such as 127.0.0.1:8080 (an IP address or localhost, port 1-65535)");

    /// <summary>The same kind, also requiring every <c>${name}</c> in the text to be one of <paramref name="variables"/>.</summary>
    public static Scalar<string> UsingOnly(this Scalar<string> kind, IReadOnlyCollection<string> variables, string expected) =>
        kind.Where(text => Placeholders.Names(text).All(variables.Contains), expected);

    /// <summary>
    /// An IP address (IPv6 in brackets) or localhost, and a port. Other host names are refused so that binding never
    /// depends on DNS; shorthands that IPAddress.TryParse also takes, such as "127.1" or "8080", are refused too.
    /// </summary>
    private static bool IsListenAddress(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > IPEndPoint.MaxPort)
        {
            return false;
        }

        var host = text[..colon];
        if (host == "localhost")
        {
            return true;
        }

        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (!IPAddress.TryParse(bracketed ? host[1..^1] : host, out var address))
        {
            return false;
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? bracketed : !bracketed && host.Count(c => c == '.') == 3;
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,62}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex IdentifierPattern();
}
