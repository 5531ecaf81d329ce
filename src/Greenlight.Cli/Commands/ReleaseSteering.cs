using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Delivery;

namespace Greenlight.Cli.Commands;

/// <summary>`abort` and `rollback` of a release of an app with environments: ask, then follow it to its end.</summary>
internal static class ReleaseSteering
{
    /// <summary>The release in progress (newest first): what `abort` and `watch` pick.</summary>
    public static Release? InProgress(IReadOnlyList<Release> releases) => releases.FirstOrDefault(r => !r.IsTerminal);

    /// <summary>POSTs <paramref name="action"/> (abort, rollback) and prints what follows the request. Returns 0 once the
    /// regions are back (rolled back, or cancelled before any got the version), 3 when one could not be returned.</summary>
    public static async Task<int> SendAsync(ControllerClient client, string id, string action, string? reason, bool json, CancellationToken ct)
    {
        var seen = (await client.ReleaseEventsAsync(id, 0, ct)).LastOrDefault()?.Id ?? 0;
        var query = reason is null ? "" : $"?reason={Uri.EscapeDataString(reason)}";
        await client.PostAsync<Release>($"v1/releases/{Uri.EscapeDataString(id)}/{action}{query}", null, ct);
        return await ReleaseFollower.RunAsync(client, id, json, ct, seen,
            phase => phase is ReleasePhase.RolledBack or ReleasePhase.Cancelled ? ExitCodes.Ok : ExitCodes.Failed);
    }
}
