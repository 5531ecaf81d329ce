using System.Net.Sockets;

namespace Greenlight.Engine.Checks;

/// <summary>
/// The wording of failure reasons. Reasons end up in events, logs and notifications, so they never carry request
/// headers or bodies, and of a response only a short excerpt.
/// </summary>
internal static class FailureText
{
    private const int MaxExcerpt = 200;

    public static string Transport(HttpRequestException e) => e switch
    {
        { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "connection refused",
        { HttpRequestError: HttpRequestError.NameResolutionError } => "host name could not be resolved",
        { HttpRequestError: HttpRequestError.ConnectionError } => "could not connect",
        { HttpRequestError: HttpRequestError.ResponseEnded } => "connection closed before the response was complete",
        _ => $"request failed: {e.Message}",
    };

    /// <summary>" (body: "…")" for a non-empty body, to put after a reason.</summary>
    public static string Excerpt(string body) => string.IsNullOrWhiteSpace(body) ? "" : $" (body: \"{Clip(body)}\")";

    /// <summary>One line of at most 200 characters.</summary>
    public static string Clip(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > MaxExcerpt ? line[..MaxExcerpt] + "…" : line;
    }
}
