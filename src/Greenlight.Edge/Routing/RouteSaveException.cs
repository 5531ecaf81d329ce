namespace Greenlight.Edge.Routing;

/// <summary>routes.json could not be written; the change was undone (or the deleted route kept), as the message says.</summary>
internal sealed class RouteSaveException(string message, Exception inner) : Exception(message, inner);
