using System.Text.Json;
using Greenlight.Core.Traffic;
using Greenlight.Providers.Targets.Process;

namespace Greenlight.Providers.Traffic.Edge;

/// <summary>
/// Where a running edge's admin API is and the token it wants, as the edge leaves them in its state
/// directory (admin.json, admin.token). This is how a restarted controller adopts a running edge.
/// </summary>
public sealed record EdgeConnection(Uri AdminAddress, string Token, int Pid)
{
    /// <summary>The connection of an edge whose process still exists, or null (no edge, stale files, unreadable files).</summary>
    public static EdgeConnection? TryRead(string stateDirectory)
    {
        try
        {
            var info = JsonSerializer.Deserialize<AdminInfo>(
                File.ReadAllBytes(Path.Combine(stateDirectory, "admin.json")), EdgeJson.Options);
            var token = File.ReadAllText(Path.Combine(stateDirectory, "admin.token")).Trim();
            if (info is null || token.Length == 0 || !Uri.TryCreate(info.Url, UriKind.Absolute, out var url)) return null;
            var connection = new EdgeConnection(url, token, info.Pid) { Build = info.Build };
            return connection.IsAlive ? connection : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Which binary the edge runs, as it wrote in admin.json (null: an edge older than this field).</summary>
    public string? Build { get; init; }

    /// <summary>Whether the edge's process still runs: a zombie left by a kill counts as dead.</summary>
    public bool IsAlive => ProcStat.Read(Pid)?.IsAlive == true;

    /// <summary>The <c>edge</c> traffic router speaking to this edge.</summary>
    public ITrafficRouter CreateRouter() => new EdgeTrafficRouter(this);

    /// <summary>True when the edge answers its health endpoint with this token (a pid can be reused; this cannot lie).</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await EdgeTrafficRouter.Send(this, HttpMethod.Get, "v1/health", null, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private sealed record AdminInfo(string Url, int Pid, string? Build);
}
