using System.Text.Json;
using Greenlight.Edge.Persistence;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Edge.Admin;

/// <summary>Every admin answer is JSON; errors are <c>{"error": ..., "errors": [{"field", "reason"}]}</c>.</summary>
internal static class AdminResults
{
    public static IResult Ok(object? value) => Results.Json(value, Json.Options);

    public static IResult Error(int status, string message, IReadOnlyList<FieldError>? errors = null) =>
        Results.Json(new ErrorBody(message, errors), Json.Options, statusCode: status);

    public static IResult Invalid(IReadOnlyList<FieldError> errors) => Error(StatusCodes.Status400BadRequest,
        $"invalid route: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Reason}"))}", errors);

    /// <summary>503 with Retry-After: nothing was changed, the same request succeeds in a moment.</summary>
    public static IResult Retry(RouteHandoffException e) => new RetryLater(Error(StatusCodes.Status503ServiceUnavailable, e.Message));

    public static IResult NotFound(string app) => Error(StatusCodes.Status404NotFound, $"no route for app '{app}'");

    /// <summary>Turns a JSON syntax/type error into the field it happened at (<c>$.backends[0].weight</c> -> <c>backends[0].weight</c>).</summary>
    public static FieldError FromJson(JsonException e)
    {
        var field = e.Path is null or "$" ? "body" : e.Path.TrimStart('$', '.');
        var reason = e.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        return new FieldError(field, cut > 0 ? reason[..cut] : reason);
    }

    private sealed class RetryLater(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return inner.ExecuteAsync(httpContext);
        }
    }

    internal sealed record ErrorBody(string Error, IReadOnlyList<FieldError>? Errors);
}
