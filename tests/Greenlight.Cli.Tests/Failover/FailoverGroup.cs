using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Greenlight.Cli.Tests.Support;
using Greenlight.Testing;
using Greenlight.Testing.Postgres;

namespace Greenlight.Cli.Tests.Failover;

/// <summary>
/// Two `greenlight up` sharing one real PostgreSQL as their state, each on a state directory of its own (think: two
/// hosts), with their edges in one directory (the same host, so the one that takes over adopts the running edge).
/// Host a is the workspace's own directory; host b a copy of its manifest in a subdirectory. Every process carries
/// the workspace's marker, so disposing it kills what both left.
/// </summary>
internal sealed class FailoverGroup : IAsyncDisposable
{
    /// <summary>Short, so that a takeover is quick to test; the default is 5 s.</summary>
    public const int LeaseTtlSeconds = 2;

    private readonly PostgresServer _postgres;
    private readonly string _state;

    private FailoverGroup(CliWorkspace ws, PostgresServer postgres, string state)
    {
        Workspace = ws;
        _postgres = postgres;
        _state = state;
        var b = Path.Combine(ws.Directory, "host-b");
        Directory.CreateDirectory(b);
        File.Copy(ws.ManifestPath, Path.Combine(b, "greenlight.yaml"));
        A = new Host("a", ws.ManifestPath);
        B = new Host("b", Path.Combine(b, "greenlight.yaml"));
    }

    public CliWorkspace Workspace { get; }
    public Host A { get; }
    public Host B { get; }

    /// <param name="ws">Owned from now on: disposed with the group.</param>
    public static async Task<FailoverGroup> CreateAsync(CliWorkspace ws)
    {
        var postgres = await PostgresServer.StartAsync(ws.Cancellation);
        var database = await postgres.CreateDatabaseAsync("greenlight_state", ws.Cancellation);
        return new FailoverGroup(ws, postgres, database);
    }

    /// <summary>Starts `up` for <paramref name="host"/> in the group and waits until its API answers (as leader or follower).</summary>
    public async Task<Process> StartAsync(Host host)
    {
        if (File.Exists(host.EndpointPath))
            File.Delete(host.EndpointPath);
        var up = Workspace.Start(host.Output, "up", "-f", host.Manifest, "--edges-dir", Path.Combine(Workspace.Directory, ".greenlight"),
            "--lease-ttl", LeaseTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state", _state);
        while (await TryApiAsync(host, "v1/leader") is null)
        {
            if (up.HasExited)
                throw new InvalidOperationException($"greenlight up ({host.Name}) exited with {up.ExitCode}:\n{string.Join('\n', host.Output)}");
            await Task.Delay(50, Workspace.Cancellation);
        }
        return up;
    }

    /// <summary>What <c>GET /v1/leader</c> of <paramref name="host"/> says its role is; null when it does not answer.</summary>
    public async Task<string?> RoleAsync(Host host) => (await TryApiAsync(host, "v1/leader"))?.GetProperty("role").GetString();

    public async Task WaitForRoleAsync(Host host, string role)
    {
        while (await RoleAsync(host) != role)
            await Task.Delay(50, Workspace.Cancellation);
    }

    /// <summary>Runs a command of the CLI against <paramref name="host"/>'s controller.</summary>
    public Task<CliResult> RunAsync(Host host, params string[] args) => Workspace.RunAsync(["-f", host.Manifest, .. args]);

    public async Task<JsonElement?> TryApiAsync(Host host, string path)
    {
        try
        {
            using var http = await ClientAsync(host);
            using var doc = JsonDocument.Parse(await http.GetStringAsync(path, Workspace.Cancellation));
            return doc.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A client of <paramref name="host"/>'s API with its admin token.</summary>
    public async Task<HttpClient> ClientAsync(Host host)
    {
        using var endpoint = JsonDocument.Parse(await File.ReadAllTextAsync(host.EndpointPath, Workspace.Cancellation));
        var http = new HttpClient { BaseAddress = new Uri(endpoint.RootElement.GetProperty("Url").GetString()!), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await File.ReadAllTextAsync(Path.Combine(host.StateDirectory, "token"), Workspace.Cancellation)).Trim());
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Workspace.Dispose(); // the controllers first, so that none outlives its store
        await _postgres.DisposeAsync();
    }

    internal sealed record Host(string Name, string Manifest)
    {
        public string StateDirectory => Path.Combine(Path.GetDirectoryName(Manifest)!, ".greenlight");
        public string EndpointPath => Path.Combine(StateDirectory, "controller.json");
        public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();
    }
}
