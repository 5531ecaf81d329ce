using System.Text.Json.Serialization;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Greenlight.Server.Api;
using Greenlight.Server.Auth;
using Greenlight.Server.Audit;
using Greenlight.Server.Hosting.Failover;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Server.Hosting;

/// <summary>
/// A running controller: the engine plus its API on loopback, where every call authenticates with a token and is authorised by role. One per state
/// directory, enforced with a lock file, so two controllers never drive the same rollouts.
/// </summary>
public sealed class ControllerHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly FileStream _lock;
    private readonly AuditCheckpoints _checkpoints;

    private ControllerHost(WebApplication web, FileStream lockFile, AppControllers controllers, Uri address, AuditCheckpoints checkpoints)
    {
        _web = web;
        _lock = lockFile;
        _checkpoints = checkpoints;
        Controllers = controllers;
        Address = address;
    }

    /// <summary>One lane per app of the workspace.</summary>
    public AppControllers Controllers { get; }

    public Uri Address { get; }

    /// <summary>The admin token this start created (the first start, or one after the token file was deleted), to be shown
    /// once; null when the token file was there already.</summary>
    public string? FirstToken { get; private init; }

    /// <summary>The API's services, e.g. its <see cref="Microsoft.AspNetCore.Routing.EndpointDataSource"/>.</summary>
    public IServiceProvider Services => _web.Services;

    /// <param name="options">What every app's lane shares (state directory, router, target); its manifest is replaced by each app's.</param>
    /// <param name="apps">The apps of the workspace; an app released later with a manifest of its own gets a lane then.</param>
    /// <param name="listen">host:port of the API; port 0 picks a free one. Loopback unless told otherwise.</param>
    /// <param name="edge">How the supervised edge is doing, shown by <c>status</c>.</param>
    /// <param name="regions">The edge of each region of apps with environments.</param>
    /// <param name="failover">In a failover group: a leader's target and routers are fenced by its lease; a follower's
    /// lanes are passive and its API refuses changes with the leader's address. Null for a controller of its own.</param>
    public static async Task<ControllerHost> StartAsync(ControllerOptions options, IReadOnlyList<Core.Manifest.AppManifest> apps, string listen,
        CancellationToken ct, Func<EdgeReport>? edge = null, Engine.Delivery.RegionRouters? regions = null, Failover.FailoverRole? failover = null)
    {
        if (failover is not null)
            (options, regions) = (failover.Apply(options), failover.Apply(regions));
        var files = new ControllerFiles(options.StateDirectory);
        var lockFile = AcquireLock(files);
        AppControllers? controllers = null;
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://{listen}");
            builder.Services.AddSingleton(options.LoggerFactory);
            builder.Services.ConfigureHttpJsonOptions(o =>
            {
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
                o.SerializerOptions.Converters.Add(new Core.Manifest.DurationJson());
            });
            // A binding failure the endpoints do not parse themselves reaches HandleErrorsAsync instead of an empty 400.
            builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
            var store = options.OpenStore();
            builder.Services.AddGreenlightAccess(store, options.Time, () => controllers!);
            var web = builder.Build();
            // Outermost: it records the status the caller got, whoever answered (the token check included).
            Engine.Audit.AuditKeys.LoadOrCreate(options.StateDirectory);
            web.UseMiddleware<AuditMiddleware>(store, (Func<string?, CancellationToken, Task<string?>>)((app, token) => controllers!.Resolve(app).ServingAsync(token)));
            web.Use(ControllerEndpoints.HandleErrorsAsync);
            web.UseStatusCodePages(ControllerEndpoints.DescribeEmptyAsync);
            // The dashboard's files hold no data, and the page that asks for the token must load without one.
            web.UseMiddleware<Dashboard.DashboardAssets>();
            web.UseGreenlightAccess();
            if (failover is { Leads: false })
                web.UseMiddleware<Failover.FollowerGate>(failover.Lease);
            var firstToken = await web.Services.GetRequiredService<Identities>().BootstrapAsync(files, ct);
            controllers = await AppControllers.StartAsync(apps, options, regions, ct);
            web.MapControllerApi(controllers, edge);
            web.MapGroup("/v1").MapAuditApi(store, options.StateDirectory);
            Uri? address = null;
            web.MapGroup("/v1").MapLeaderApi(failover, () => address!);
            await web.StartAsync(ct);
            address = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            files.WriteEndpoint(Connectable(address));
            return new ControllerHost(web, lockFile, controllers, address, new AuditCheckpoints(store, options.Time)) { FirstToken = firstToken };
        }
        catch
        {
            if (controllers is not null)
                await controllers.DisposeAsync();
            await lockFile.DisposeAsync();
            throw;
        }
    }

    /// <summary>Clients on this machine cannot connect to "any address": they are pointed at loopback, same port.</summary>
    private static Uri Connectable(Uri bound) => bound.Host switch
    {
        "0.0.0.0" => new UriBuilder(bound) { Host = "127.0.0.1" }.Uri,
        "[::]" => new UriBuilder(bound) { Host = "[::1]" }.Uri,
        _ => bound,
    };

    private static FileStream AcquireLock(ControllerFiles files)
    {
        OwnerOnly.CreateDirectory(files.StateDirectory);
        try
        {
            // FileShare.None takes an exclusive advisory lock on Unix; it is released if the process dies.
            return OwnerOnly.Open(files.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new ReleaseRejectedException(RejectionKind.Conflict,
                $"a controller is already running for {files.StateDirectory}; stop it first or use its API");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
        await Controllers.DisposeAsync();
        await _checkpoints.DisposeAsync();
        File.Delete(new ControllerFiles(Path.GetDirectoryName(_lock.Name)!).EndpointPath);
        await _lock.DisposeAsync();
    }
}
