namespace Greenlight.Server.Edge;

/// <summary>The edge does not answer. An <see cref="HttpRequestException"/> so that the engine treats it as
/// any unreachable provider; the API answers it with 503 and this message.</summary>
public sealed class EdgeDownException(string reason, Exception inner) : HttpRequestException($"the edge is down ({reason})", inner);
