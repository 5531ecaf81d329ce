using System.Net.Http.Headers;
using System.Net.Http.Json;
using Greenlight.Core.Manifest;
using Greenlight.Core.Traffic;
using Greenlight.Engine.Control;
using Greenlight.Providers.Targets;
using Greenlight.Server.Hosting;
using Greenlight.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Cli.Tests.Auth;

/// <summary>
/// A controller in this process (its API on a random loopback port, its state in a directory of its own) on a clock the
/// test moves, with the shop's manifest and nothing released: enough for everything about who may call what.
/// </summary>
public class InProcessController : IAsyncLifetime
{
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("greenlight-auth-").FullName;

    public MovableClock Clock { get; } = new();

    public ControllerHost Host { get; private set; } = null!;

    /// <summary>The admin token the first start wrote to the token file.</summary>
    public string AdminToken { get; private set; } = null!;

    /// <summary>A token file an earlier version left in the state directory before this start; none when null.</summary>
    protected virtual string? EarlierToken => null;

    public async Task InitializeAsync()
    {
        if (EarlierToken is { } earlier)
            new ControllerFiles(StateDirectory).WriteToken(earlier);
        var manifest = ManifestLoader.Load(RepoPaths.ShopManifest).Manifest!;
        Host = await ControllerHost.StartAsync(new ControllerOptions
        {
            Manifest = manifest,
            StateDirectory = StateDirectory,
            Router = new NoRouter(),
            Target = DeploymentTargets.Create("process", Clock, NullLoggerFactory.Instance),
            Time = Clock,
        }, [manifest], "127.0.0.1:0", CancellationToken.None);
        AdminToken = Host.FirstToken ?? EarlierToken!;
    }

    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = Host.Address };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A new user (unique name) holding <paramref name="roles"/> (role, app, environment), and a token of it.</summary>
    public async Task<(string Name, string Token)> UserAsync(params (string Role, string App, string Environment)[] roles)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..10];
        using var admin = Client(AdminToken);
        (await admin.PostAsJsonAsync("v1/users", new { name })).EnsureSuccessStatusCode();
        foreach (var (role, app, environment) in roles)
            (await admin.PostAsJsonAsync($"v1/users/{name}/grants", new { role, app, environment })).EnsureSuccessStatusCode();
        var created = await admin.PostAsJsonAsync("v1/tokens", new { owner = name });
        created.EnsureSuccessStatusCode();
        return (name, (await created.Content.ReadFromJsonAsync<TokenAnswer>())!.Token);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }

    private sealed record TokenAnswer(string Id, string Token);

    /// <summary>No edge: nothing is released here.</summary>
    private sealed class NoRouter : ITrafficRouter
    {
        public string Name => "none";
        public Task ApplyAsync(AppRoute route, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => Task.FromResult<AppRoute?>(null);
        public Task<bool> RemoveAsync(string app, CancellationToken cancellationToken) => Task.FromResult(false);
        public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, RevisionTraffic>>(new Dictionary<string, RevisionTraffic>());
    }
}

/// <summary>The system's clock, moved forward on demand: timers stay real, what the clock says does not.</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
