namespace Greenlight.Edge.Routing;

/// <summary>One reason a request was refused, naming the JSON field at fault (e.g. <c>backends[1].weight</c>).</summary>
internal sealed record FieldError(string Field, string Reason);
