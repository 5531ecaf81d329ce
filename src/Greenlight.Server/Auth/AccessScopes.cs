using Greenlight.Engine.Control;
using Greenlight.Engine.Delivery;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Server.Auth;

/// <summary>
/// The app and environment a call acts on, from its route, query or the release, rollout or run it names. What cannot
/// be found (an unknown id, no app named among several) is null, which only a grant on every app or environment covers;
/// the endpoint then answers for itself (404, or "name the app").
/// </summary>
internal sealed class AccessScopes(AppControllers apps)
{
    public async Task<(string? App, string? Environment)> ResolveAsync(AccessScope scope, HttpContext http)
    {
        var ct = http.RequestAborted;
        var id = http.Request.RouteValues["id"] as string;
        var to = http.Request.Query["to"].FirstOrDefault();
        switch (scope)
        {
            case AccessScope.Release when id is not null:
                var delivery = await TryAsync(() => apps.OfReleaseAsync(id, ct));
                if (delivery is null || await delivery.GetAsync(id, ct) is not { } release)
                    return (null, null);
                return (release.App, to ?? (release.CurrentStage() ?? release.Stages[^1]).Environment);
            case AccessScope.Rollout when (id ?? http.Request.Query["id"].FirstOrDefault()) is { } rolloutId:
                var lane = await TryAsync(() => apps.OfRolloutAsync(rolloutId, ct));
                return lane is null ? (null, null) : Named(lane.App, null);
            case AccessScope.PipelineRun when id is not null && apps.All.Count > 0:
                return await apps.All[0].Pipelines.GetAsync(id, ct) is { } run ? Named(run.App, null) : (null, null);
            default:
                var app = http.Request.RouteValues["app"] as string ?? http.Request.Query["app"].FirstOrDefault();
                return Named(app ?? OnlyApp(), http.Request.Query["environment"].FirstOrDefault() ?? to);
        }
    }

    /// <summary>An app, or a lane of one (<c>app.environment.region</c>), which names its environment too.</summary>
    private static (string? App, string? Environment) Named(string? app, string? environment) =>
        app is not null && Lanes.Parse(app) is { } lane ? (lane.App, environment ?? lane.Environment) : (app, environment);

    /// <summary>The app a call that names none acts on, when the controller releases only one.</summary>
    private string? OnlyApp()
    {
        var names = apps.All.Select(c => Lanes.Parse(c.App)?.App ?? c.App).Distinct().ToList();
        return names.Count == 1 ? names[0] : null;
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> find) where T : class
    {
        try
        {
            return await find();
        }
        catch (ReleaseRejectedException e) when (e.Kind == RejectionKind.NotFound)
        {
            return null;
        }
    }
}
