using System.Text.Json;

namespace Greenlight.Edge.Persistence;

/// <summary>admin.json: how a controller finds a running edge to adopt (the token is in admin.token).</summary>
internal static class AdminInfoFile
{
    public static Task WriteAsync(string path, Uri url, int pid, string build, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(new AdminInfo(url.ToString(), pid, build), Json.Options), cancellationToken);

    /// <summary>Removes the file on shutdown, unless another edge has taken the directory over since.</summary>
    public static void DeleteIfOwned(string path, int pid)
    {
        try
        {
            var info = JsonSerializer.Deserialize<AdminInfo>(File.ReadAllBytes(path), Json.Options);
            if (info?.Pid == pid) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // Gone or unreadable: nothing of ours to clean up.
        }
    }

    /// <param name="Build">Which binary the edge runs (<see cref="EdgeServer.Build"/>): <c>up</c> upgrades an edge of another.</param>
    internal sealed record AdminInfo(string Url, int Pid, string? Build = null);
}
