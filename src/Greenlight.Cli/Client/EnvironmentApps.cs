using Greenlight.Cli.Output;
using Greenlight.Core.Delivery;

namespace Greenlight.Cli.Client;

/// <summary>
/// Whether a command is about an app with environments, whose releases (rs-…) travel through its regions, or about one lane
/// of rollouts: an app without environments, or one region of an app with them, named <c>app.environment.region</c>.
/// </summary>
internal static class EnvironmentApps
{
    public static bool IsRelease(string? id) => id?.StartsWith("rs-", StringComparison.Ordinal) == true;

    /// <summary>The app with environments the command is about: the one --app names, or without --app the only app of the
    /// controller. Null when that is an app without environments or a lane.</summary>
    public static async Task<string?> OfAsync(ControllerClient client, CancellationToken ct)
    {
        var lanes = await client.GetAsync<List<string>>("v1/apps", ct);
        // App names have no '.': a lane with one belongs to an app with environments.
        var withEnvironments = lanes.Where(l => l.Contains('.')).Select(AppOf).ToHashSet();
        var apps = lanes.Select(AppOf).Distinct().ToList();
        var app = client.App ?? (apps.Count == 1 ? apps[0] : null);
        return app is not null && withEnvironments.Contains(app) ? app : null;
    }

    /// <summary>The lanes of <paramref name="app"/>, one per region of each environment, in the controller's order.</summary>
    public static async Task<IReadOnlyList<string>> LanesAsync(ControllerClient client, string app, CancellationToken ct) =>
        [.. (await client.GetAsync<List<string>>("v1/apps", ct)).Where(l => AppOf(l) == app && l.Contains('.'))];

    /// <summary>The newest releases of <paramref name="app"/>, newest first.</summary>
    public static async Task<List<Release>> ReleasesAsync(ControllerClient client, string app, int limit, CancellationToken ct) =>
        await client.GetAsync<List<Release>>($"v1/releases?app={Uri.EscapeDataString(app)}&limit={limit}", ct);

    /// <summary>The release a command names (rs-…), or for an app with environments the one <paramref name="pick"/> chooses
    /// from its newest; null when the command is about rollouts.</summary>
    /// <param name="none">Why nothing was picked, for the app's name.</param>
    public static async Task<string?> ReleaseAsync(ControllerClient client, string? id, Func<IReadOnlyList<Release>, Release?> pick,
        Func<string, string> none, CancellationToken ct)
    {
        if (id is not null)
            return IsRelease(id) ? id : null;
        if (await OfAsync(client, ct) is not { } app)
            return null;
        return pick(await ReleasesAsync(client, app, 50, ct))?.Id ?? throw new CliException(ExitCodes.Rejected, none(app));
    }

    private static string AppOf(string lane) => lane.Split('.')[0];
}
