using Greenlight.Edge.Routing;

namespace Greenlight.Edge.Tls;

/// <summary>A certificate or key of a route that cannot be read or do not form a pair: the route is refused whole.</summary>
internal sealed class TlsCertificateException(FieldError error, Exception inner) : Exception($"{error.Field} {error.Reason}", inner)
{
    public FieldError Error { get; } = error;
}
