using System.Diagnostics;
using System.Text.Json;
using Greenlight.Core.Traffic;

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
            return ProcessExists(info.Pid) ? new EdgeConnection(url, token, info.Pid) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

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

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed record AdminInfo(string Url, int Pid);
}
