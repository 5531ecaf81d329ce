namespace Greenlight.Edge.Routing;

/// <summary>A valid route that cannot be applied right now (its listen address is taken); nothing was changed.</summary>
internal sealed class RouteConflictException(FieldError error, Exception? inner = null)
    : Exception($"{error.Field}: {error.Reason}", inner)
{
    public FieldError Error { get; } = error;
}
