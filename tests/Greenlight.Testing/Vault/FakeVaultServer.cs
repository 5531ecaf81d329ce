using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Testing.Vault;

/// <summary>
/// A FAKE of HashiCorp Vault, not Vault: no Vault server can be installed here. It serves the two endpoints Greenlight
/// calls, on a random loopback port, with the request and response shapes of Vault's API documentation
/// (developer.hashicorp.com/vault/api-docs): the KV version 2 read <c>GET /v1/:mount/data/:path</c> and the AppRole
/// login <c>POST /v1/auth/approle/login</c>; errors as <c>{"errors": […]}</c>, 403 for a token it does not know, 404
/// for no secret (with the metadata when the latest version was deleted). Everything else answers 404 like an unknown path.
/// </summary>
public sealed class FakeVaultServer : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly ConcurrentDictionary<string, List<Version>> _secrets = new();
    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private readonly ConcurrentDictionary<(string RoleId, string SecretId), bool> _appRoles = new();

    private FakeVaultServer(WebApplication web) => _web = web;

    public Uri Address { get; private set; } = null!;

    /// <summary>Every request, as "METHOD /path token" (token "-" when none was sent).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>KV v2 mounts this Vault has; a read under any other mount answers 404 as Vault does.</summary>
    public HashSet<string> Mounts { get; } = ["secret"];

    public static async Task<FakeVaultServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        var vault = new FakeVaultServer(web);
        web.MapGet("/v1/{mount}/data/{**path}", (string mount, string path, HttpContext http) => vault.Read(mount, path, http));
        web.MapPost("/v1/auth/approle/login", (HttpRequest request) => vault.LoginAsync(request));
        web.MapFallback((HttpContext http) =>
        {
            vault.Requests.Enqueue($"{http.Request.Method} {http.Request.Path} -");
            return Answer(HttpStatusCode.NotFound, new { errors = Array.Empty<string>() });
        });
        await web.StartAsync();
        vault.Address = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return vault;
    }

    /// <summary>A token Vault accepts; returns it.</summary>
    public string IssueToken()
    {
        var token = "hvs." + Guid.NewGuid().ToString("N");
        _tokens[token] = true;
        return token;
    }

    public void Revoke(string token) => _tokens.TryRemove(token, out _);

    public void RevokeAllTokens() => _tokens.Clear();

    public void AddAppRole(string roleId, string secretId) => _appRoles[(roleId, secretId)] = true;

    /// <summary>Writes a new version of <c>mount/path</c>, as <c>POST /v1/:mount/data/:path</c> would; returns its number.</summary>
    public int Put(string mountAndPath, IReadOnlyDictionary<string, object> data)
    {
        var versions = _secrets.GetOrAdd(mountAndPath, _ => []);
        lock (versions)
        {
            versions.Add(new Version(versions.Count + 1, DateTimeOffset.UtcNow, data, Deleted: null));
            return versions.Count;
        }
    }

    /// <summary>Soft-deletes the latest version, as <c>DELETE /v1/:mount/data/:path</c> does.</summary>
    public void DeleteLatest(string mountAndPath)
    {
        var versions = _secrets[mountAndPath];
        lock (versions)
            versions[^1] = versions[^1] with { Deleted = DateTimeOffset.UtcNow };
    }

    private IResult Read(string mount, string path, HttpContext http)
    {
        var token = http.Request.Headers["X-Vault-Token"].ToString();
        Requests.Enqueue($"GET {http.Request.Path} {(token.Length == 0 ? "-" : token)}");
        if (!_tokens.ContainsKey(token))
            return Answer(HttpStatusCode.Forbidden, new { errors = new[] { "permission denied" } });
        if (!Mounts.Contains(mount) || !_secrets.TryGetValue($"{mount}/{path}", out var versions))
            return Answer(HttpStatusCode.NotFound, new { errors = Array.Empty<string>() });
        Version latest;
        lock (versions)
            latest = versions[^1];
        var metadata = new Dictionary<string, object?>
        {
            ["created_time"] = latest.Created.ToString("O"),
            ["custom_metadata"] = null,
            ["deletion_time"] = latest.Deleted?.ToString("O") ?? "",
            ["destroyed"] = false,
            ["version"] = latest.Number,
        };
        return latest.Deleted is null
            ? Answer(HttpStatusCode.OK, Envelope(data: new { data = latest.Data, metadata }, auth: null))
            : Answer(HttpStatusCode.NotFound, Envelope(data: new { data = (object?)null, metadata }, auth: null));
    }

    private async Task<IResult> LoginAsync(HttpRequest request)
    {
        Requests.Enqueue($"POST {request.Path} -");
        using var body = await JsonDocument.ParseAsync(request.Body);
        var roleId = body.RootElement.TryGetProperty("role_id", out var r) ? r.GetString() ?? "" : "";
        var secretId = body.RootElement.TryGetProperty("secret_id", out var s) ? s.GetString() ?? "" : "";
        if (!_appRoles.ContainsKey((roleId, secretId)))
            return Answer(HttpStatusCode.BadRequest, new { errors = new[] { "invalid role or secret ID" } });
        var auth = new Dictionary<string, object?>
        {
            ["client_token"] = IssueToken(),
            ["accessor"] = Guid.NewGuid().ToString(),
            ["policies"] = new[] { "default" },
            ["token_policies"] = new[] { "default" },
            ["metadata"] = new Dictionary<string, string> { ["role_name"] = "greenlight" },
            ["lease_duration"] = 1200,
            ["renewable"] = true,
            ["entity_id"] = Guid.NewGuid().ToString(),
            ["token_type"] = "service",
            ["orphan"] = true,
        };
        return Answer(HttpStatusCode.OK, Envelope(data: null, auth));
    }

    /// <summary>The fields every Vault response carries beside its data or auth.</summary>
    private static Dictionary<string, object?> Envelope(object? data, object? auth) => new()
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["lease_id"] = "",
        ["renewable"] = false,
        ["lease_duration"] = 0,
        ["data"] = data,
        ["wrap_info"] = null,
        ["warnings"] = null,
        ["auth"] = auth,
    };

    private static IResult Answer(HttpStatusCode status, object body) => Results.Json(body, statusCode: (int)status);

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }

    private sealed record Version(int Number, DateTimeOffset Created, IReadOnlyDictionary<string, object> Data, DateTimeOffset? Deleted);
}
