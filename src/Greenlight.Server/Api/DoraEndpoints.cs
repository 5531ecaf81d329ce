using Greenlight.Core.Access;
using Greenlight.Server.Auth;
using System.Globalization;
using Greenlight.Core.Dora;
using Greenlight.Core.Manifest;
using Greenlight.Engine.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Greenlight.Server.Api;

/// <summary>DORA's four keys from the controller's own records: releases of apps with environments, rollouts of the others.</summary>
internal static class DoraEndpoints
{
    /// <summary>Enough history for any window people ask about; older records only matter as context for the first ones.</summary>
    private const int HistoryLimit = 100_000;

    /// <remarks>Permission: read. <c>GET /v1/dora?app=&amp;environment=&amp;window=30d&amp;failureWindow=24h&amp;buckets=6</c>.</remarks>
    public static void MapDoraApi(this RouteGroupBuilder v1, AppControllers apps, TimeProvider time) =>
        v1.MapGet("/dora", async (string? app, string? environment, string? window, string? failureWindow, string? buckets, CancellationToken ct) =>
        {
            var span = Duration(window, "window", TimeSpan.FromDays(30));
            var failures = Duration(failureWindow, "failureWindow", DoraMetrics.DefaultFailureWindow);
            var slices = Math.Clamp(ApiInput.Int(buckets, "buckets", 6), 1, 60);
            var (name, env, history) = await HistoryAsync(apps, app, environment, ct);
            var to = time.GetUtcNow();
            var report = DoraMetrics.Compute(history, to - span, to, failures);
            var trend = DoraMetrics.Trend(history, to - span, to, failures, slices);
            return DoraResponse.Of(name, env, DurationOf(span), failures, report, trend);
        }).Requires(Permission.Read, AccessScope.App);

    private static async Task<(string App, string? Environment, IReadOnlyList<Deployment> History)> HistoryAsync(
        AppControllers apps, string? app, string? environment, CancellationToken ct)
    {
        if (apps.TryDeliveryOf(app) is not { } delivery)
        {
            var lane = apps.Resolve(app);
            if (environment is not null)
                throw new ApiInputException(StatusCodes.Status400BadRequest, $"app {lane.App} has no environments; leave environment out",
                    new ApiFieldError("environment", "the app has no environments"));
            return (lane.App, null, DeploymentHistory.Of(await lane.HistoryAsync(HistoryLimit, ct)));
        }
        var releases = await delivery.ListAsync(HistoryLimit, ct);
        var known = releases.SelectMany(r => r.Stages.Select(s => s.Environment)).Distinct().ToList();
        // DORA is about production: the environment named so, else the last one releases go through.
        var env = environment ?? (known.Contains("production") ? "production" : releases.FirstOrDefault()?.Stages[^1].Environment ?? "production");
        if (environment is not null && known.Count > 0 && !known.Contains(environment))
            throw new ApiInputException(StatusCodes.Status404NotFound, $"app {delivery.App} has no environment {environment}; its environments are {string.Join(", ", known)}",
                new ApiFieldError("environment", "is not an environment of the app"));
        return (delivery.App, env, DeploymentHistory.Of(releases, env));
    }

    /// <summary>Days (<c>30d</c>) or a manifest duration (<c>12h</c>, <c>90m</c>).</summary>
    private static TimeSpan Duration(string? value, string name, TimeSpan fallback)
    {
        if (value is null)
            return fallback;
        if (value.EndsWith('d') && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0)
            return TimeSpan.FromDays(days);
        if (!value.EndsWith('d') && DurationText.TryParse(value, out var parsed) && parsed > TimeSpan.Zero)
            return parsed;
        throw new ApiInputException(StatusCodes.Status400BadRequest,
            $"parameter {name} must be a positive duration such as 30d, 12h or 90m, not '{value}'", new ApiFieldError(name, "must be a duration such as 30d, 12h or 90m"));
    }

    private static string DurationOf(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.Days}d" : DurationText.Format(span);
}
