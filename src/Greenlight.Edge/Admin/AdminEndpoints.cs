using System.Text.Json;
using Greenlight.Core.Traffic;
using Greenlight.Edge.Metrics;
using Greenlight.Edge.Persistence;
using Greenlight.Edge.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Edge.Admin;

/// <summary>The admin API. Wire types are Core's <see cref="AppRoute"/> and <see cref="RevisionTraffic"/>.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder web, RouteRegistry routes, EdgeMetrics metrics)
    {
        web.MapGet("/v1/health", () => AdminResults.Ok(new Health("ok", Environment.ProcessId, routes.Routes.Count)));
        web.MapGet("/v1/routes", () => AdminResults.Ok(routes.Routes));
        web.MapGet("/v1/routes/{app}", (string app) =>
            routes.Get(app) is { } route ? AdminResults.Ok(route) : AdminResults.NotFound(app));
        web.MapPut("/v1/routes/{app}", (string app, HttpRequest request) => PutAsync(app, request, routes));
        web.MapDelete("/v1/routes/{app}", async (string app, CancellationToken ct) =>
        {
            try
            {
                return await routes.DeleteAsync(app, ct) ? Results.NoContent() : AdminResults.NotFound(app);
            }
            catch (RouteSaveException e)
            {
                return AdminResults.Error(StatusCodes.Status500InternalServerError, e.Message);
            }
            catch (RouteHandoffException e)
            {
                return AdminResults.Retry(e);
            }
        });
        web.MapGet("/v1/routes/{app}/traffic", (string app) =>
            routes.Traffic(app) is { } traffic ? AdminResults.Ok(traffic) : AdminResults.NotFound(app));
        web.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
    }

    private static async Task<IResult> PutAsync(string app, HttpRequest request, RouteRegistry routes)
    {
        AppRoute? route;
        try
        {
            route = await JsonSerializer.DeserializeAsync<AppRoute>(request.Body, Json.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return AdminResults.Invalid([AdminResults.FromJson(e)]);
        }

        var errors = AppRouteValidator.Validate(app, route);
        if (errors.Count > 0) return AdminResults.Invalid(errors);
        try
        {
            await routes.ApplyAsync(route!, request.HttpContext.RequestAborted);
        }
        catch (Tls.TlsCertificateException e)
        {
            return AdminResults.Invalid([e.Error]);
        }
        catch (RouteConflictException e)
        {
            return AdminResults.Error(StatusCodes.Status409Conflict, e.Message, [e.Error]);
        }
        catch (RouteSaveException e)
        {
            return AdminResults.Error(StatusCodes.Status500InternalServerError, e.Message);
        }
        catch (RouteHandoffException e)
        {
            return AdminResults.Retry(e);
        }

        return AdminResults.Ok(route);
    }

    internal sealed record Health(string Status, int Pid, int Apps);
}
