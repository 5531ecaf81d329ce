using System.Text.Json;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Greenlight.Server.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Audit;

/// <summary>
/// Audits every mutating API call (POST, PUT, PATCH, DELETE), refusals included: outermost, so it sees the status the
/// caller got, whatever answered it (the token check, the error mapping, the endpoint). Records who, from where, the
/// request id, the route, the subject, the outcome, and for a deploy the version that served before and the one asked for.
/// Never a body, a query value other than the app, nor a header other than X-Request-Id.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, IAuditLog log, Func<string?, CancellationToken, Task<string?>> serving)
{
    private const int MaxRequestId = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }
        var app = context.Request.Query["app"].FirstOrDefault();
        var deploy = IsDeploy(context.Request.Path);
        var before = deploy ? await ServingAsync(app, context.RequestAborted) : null;
        var after = deploy ? await RequestedVersionAsync(context.Request) : null;
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } pattern ? "/" + pattern.TrimStart('/') : context.Request.Path.Value;
            var note = AuditNote.Of(context);
            await log.AppendAsync(new AuditRecord(Actor(context, status), $"{context.Request.Method} {route}", note?.Subject ?? Subject(context, route, app), AuditRecord.OutcomeOf(status))
            {
                Request = RequestId(context), Source = context.Connection.RemoteIpAddress?.ToString(), Status = status,
                Before = note is null ? before : note.Before, After = note is null ? after : note.After,
            }, CancellationToken.None);
        }
    }

    private static bool IsDeploy(PathString path) => path.StartsWithSegments("/v1/deployments") || path.StartsWithSegments("/v1/releases", out var rest) && !rest.HasValue;

    private static string Actor(HttpContext context, int status) => status == StatusCodes.Status401Unauthorized ? "(unauthenticated)" : Caller.NameOf(context);

    /// <summary>The caller's X-Request-Id when it is a sane one (printable, short), else the server's own.</summary>
    private static string RequestId(HttpContext context) =>
        context.Request.Headers["X-Request-Id"].FirstOrDefault() is { Length: > 0 and <= MaxRequestId } id && id.All(c => c is > ' ' and < '\x7f')
            ? id : context.TraceIdentifier;

    /// <summary>"app shop, release rel-…": the app asked for, and what the route's id names (the segment before it).</summary>
    private static string Subject(HttpContext context, string? route, string? app)
    {
        var values = context.Request.RouteValues;
        var parts = new List<string>();
        if ((values.TryGetValue("app", out var a) ? a as string : app) is { Length: > 0 } name)
            parts.Add($"app {name}");
        if (values.TryGetValue("id", out var id) && route?.Split('/') is { } segments && Array.IndexOf(segments, "{id}") is > 0 and var at)
            parts.Add($"{segments[at - 1].TrimEnd('s')} {id}");
        return parts.Count > 0 ? string.Join(", ", parts) : "controller";
    }

    private async Task<string?> ServingAsync(string? app, CancellationToken ct)
    {
        try
        {
            return await serving(app, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No lane for the app, or it cannot say: the deploy itself reports what is wrong.
            return null;
        }
    }

    /// <summary>The "version" field of a deploy's body, read from a buffer the endpoint reads again; nothing else of the body.</summary>
    private static async Task<string?> RequestedVersionAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
