using System.Text.Json;
using Greenlight.Core.Secrets;

namespace Greenlight.Server.Hosting;

/// <summary>
/// The files a running controller leaves in its state directory so clients can find it:
/// <c>controller.json</c> (address, pid) and <c>token</c> (owner-only).
/// </summary>
public sealed record ControllerFiles(string StateDirectory)
{
    public string TokenPath => Path.Combine(StateDirectory, "token");
    public string EndpointPath => Path.Combine(StateDirectory, "controller.json");
    public string LockPath => Path.Combine(StateDirectory, "controller.lock");

    /// <summary>Under which the edges keep their state (<c>edge/</c>, <c>edges/</c>): the state directory unless told
    /// otherwise. Controllers of a failover group on one host share it, so the one that takes over adopts the running edges.</summary>
    public string EdgeRoot { get; init; } = StateDirectory;

    /// <summary>Beside the manifest or workspace file (<c>.greenlight/</c> in its directory), or in the workspace directory.</summary>
    public static ControllerFiles ForManifest(string path) => new(Core.Workspaces.Workspace.StateDirectoryOf(path));

    /// <summary>The local token (the admin's), owner-only; null when there is none.</summary>
    public string? ReadToken()
    {
        if (!File.Exists(TokenPath))
            return null;
        OwnerOnly.Tighten(TokenPath);
        return File.ReadAllText(TokenPath).Trim();
    }

    /// <summary>Writes a new local token, owner-only (0600), where <see cref="ReadToken"/> found none (or an empty file).</summary>
    public void WriteToken(string token)
    {
        OwnerOnly.CreateDirectory(StateDirectory);
        OwnerOnly.WriteAllText(TokenPath, token);
    }

    public void WriteEndpoint(Uri address) =>
        OwnerOnly.WriteAllText(EndpointPath, JsonSerializer.Serialize(new ControllerEndpoint(address.ToString(), Environment.ProcessId)));

    /// <summary>The address and token of the controller, or null when none ever ran here.</summary>
    public (Uri Address, string Token)? TryRead()
    {
        if (!File.Exists(EndpointPath) || !File.Exists(TokenPath))
            return null;
        var endpoint = JsonSerializer.Deserialize<ControllerEndpoint>(File.ReadAllText(EndpointPath));
        return endpoint is null ? null : (new Uri(endpoint.Url), File.ReadAllText(TokenPath).Trim());
    }

    private sealed record ControllerEndpoint(string Url, int Pid);
}
