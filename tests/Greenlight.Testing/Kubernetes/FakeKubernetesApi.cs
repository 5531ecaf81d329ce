using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Testing.Kubernetes;

/// <summary>
/// A FAKE of the Kubernetes API server, not Kubernetes: no API server can run here. It serves, on a random loopback port
/// over plain HTTP, only the endpoints Greenlight calls (Secrets, Services, apps/v1 Deployments, discovery.k8s.io/v1
/// EndpointSlices, gateway.networking.k8s.io/v1 HTTPRoutes), and it checks requests the way the API server does:
/// server-side apply must be a PATCH with content type application/apply-patch+yaml and a fieldManager; an object carrying
/// a resourceVersion other than the stored one gets 409 Conflict (on apply and on PUT); an unknown object gets 404; every
/// error is a metav1.Status. Bodies are checked against the required fields of the schemas (see <see cref="SchemaChecks"/>).
/// It simulates the controllers a cluster runs: a Deployment becomes available (and its Service's EndpointSlice lists
/// ready endpoints) at once, unless the test says it never will. Simplifications, said here so no test relies on more:
/// an apply replaces the applied object's metadata labels/annotations and body instead of merging per field manager, and
/// deletion is immediate (no finalizers, no terminating pods). Watches are refused (Greenlight polls).
/// </summary>
public sealed partial class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly ConcurrentDictionary<ObjectKey, JsonObject> _objects = new();
    private readonly ConcurrentDictionary<ObjectKey, bool> _conflictOnce = new();
    private readonly object _write = new();
    private long _resourceVersion = 1000;

    private FakeKubernetesApi(WebApplication web) => _web = web;

    public Uri Address { get; private set; } = null!;

    /// <summary>Every request, as "METHOD path?query [content-type]".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Each DELETE's propagationPolicy (or "-"), as "plural/namespace/name policy".</summary>
    public ConcurrentQueue<string> Deletes { get; } = new();

    /// <summary>How many 409 Conflicts it answered.</summary>
    public int Conflicts => _conflicts;

    private int _conflicts;
    private int _disposed;

    /// <summary>Deployments (by name) whose pods never become ready, as with a readiness probe that never passes.</summary>
    public ConcurrentDictionary<string, bool> NeverReady { get; } = new();

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        var api = new FakeKubernetesApi(web);
        web.Map("/{**path}", (Func<HttpContext, Task<IResult>>)api.HandleAsync);
        await web.StartAsync();
        api.Address = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return api;
    }

    /// <summary>The stored object, or null.</summary>
    public JsonObject? Get(string plural, string ns, string name) =>
        _objects.TryGetValue(new ObjectKey(plural, ns, name), out var o) ? (JsonObject)o.DeepClone() : null;

    /// <summary>The next write to the object finds it changed by someone else first: its resourceVersion moves on, as when
    /// another client wrote it between Greenlight's read and its write.</summary>
    public void ChangeBeforeNextWrite(string plural, string ns, string name) => _conflictOnce[new ObjectKey(plural, ns, name)] = true;

    /// <summary>Stores an object as another client would have created it (no Greenlight labels unless given).</summary>
    public void Put(string plural, string ns, JsonObject body)
    {
        lock (_write)
            Store(new ObjectKey(plural, ns, (string)body["metadata"]!["name"]!), body);
    }

    /// <summary>Stops serving; again is a no-op (a test may stop it early to play a cluster gone away).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _web.StopAsync();
        await _web.DisposeAsync();
    }

    private readonly record struct ObjectKey(string Plural, string Namespace, string Name);

    private void Store(ObjectKey key, JsonObject body)
    {
        var meta = (JsonObject)(body["metadata"] ??= new JsonObject());
        meta["namespace"] = key.Namespace;
        meta["resourceVersion"] = (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        meta["uid"] ??= Guid.NewGuid().ToString();
        _objects[key] = body;
    }

    private static IResult Status(HttpStatusCode code, string reason, string message) => Results.Json(new JsonObject
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure",
        ["message"] = message, ["reason"] = reason, ["code"] = (int)code,
    }, statusCode: (int)code);
}
