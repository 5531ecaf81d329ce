using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Vault;

/// <summary>
/// <c>vault:&lt;mount&gt;/&lt;path&gt;#&lt;key&gt;</c>: one key of a HashiCorp Vault KV version 2 secret, read with
/// <c>GET /v1/&lt;mount&gt;/data/&lt;path&gt;</c>; its version is the secret's <c>data.metadata.version</c>. With AppRole,
/// the token from <c>POST /v1/auth/approle/login</c> is kept and renewed by a new login when Vault refuses it.
/// </summary>
internal sealed class VaultSecretProvider(HttpClient http, Func<string, string?> environment) : ISecretProvider
{
    /// <summary>A revision waits for its secrets before it starts: an unanswered Vault fails the start, and says so.</summary>
    public static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _login = new(1, 1);
    private string? _appRoleToken;

    public string Name => SecretReference.Vault;

    public async Task<SecretValue> GetAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        var settings = VaultSettings.From(environment, reference.ToString());
        var slash = reference.Path.IndexOf('/', StringComparison.Ordinal);
        var url = settings.Api($"{reference.Path[..slash]}/data/{reference.Path[(slash + 1)..]}");
        var token = await TokenAsync(reference, settings, null, cancellationToken);
        var (status, body) = await SendAsync(reference, settings, url, token, cancellationToken);
        if (status == HttpStatusCode.Forbidden && settings.UsesAppRole)
        {
            // The kept token expired or was revoked: one new login, then Vault's answer stands.
            token = await TokenAsync(reference, settings, token, cancellationToken);
            (status, body) = await SendAsync(reference, settings, url, token, cancellationToken);
        }
        return status == HttpStatusCode.OK ? VaultAnswer.Read(reference, body) : throw VaultAnswer.Refused(reference, url, status, body);
    }

    private async Task<(HttpStatusCode, JsonElement)> SendAsync(SecretReference reference, VaultSettings settings, Uri url, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Vault-Token", token);
        request.Headers.Add("X-Vault-Request", "true");
        if (settings.Namespace is { } ns)
            request.Headers.Add("X-Vault-Namespace", ns);
        return await CallAsync(reference, request, ct);
    }

    /// <summary>The token given, or the AppRole token kept; a new login when there is none or it is <paramref name="refused"/>.</summary>
    private async Task<string> TokenAsync(SecretReference reference, VaultSettings settings, string? refused, CancellationToken ct)
    {
        if (!settings.UsesAppRole)
            return settings.Token!;
        await _login.WaitAsync(ct);
        try
        {
            if (_appRoleToken is { } kept && kept != refused)
                return kept;
            var url = settings.Api("auth/approle/login");
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = JsonContent.Create(new Dictionary<string, string> { ["role_id"] = settings.RoleId!, ["secret_id"] = settings.SecretId! }),
            };
            if (settings.Namespace is { } ns)
                request.Headers.Add("X-Vault-Namespace", ns);
            var (status, body) = await CallAsync(reference, request, ct);
            if (status != HttpStatusCode.OK)
                throw VaultAnswer.Refused(reference, url, status, body, "the AppRole login (VAULT_ROLE_ID, VAULT_SECRET_ID) failed");
            return _appRoleToken = VaultAnswer.ClientToken(reference, url, body);
        }
        finally
        {
            _login.Release();
        }
    }

    /// <summary>One bounded call; every way it can fail names the reference and Vault's address, never a credential.</summary>
    private async Task<(HttpStatusCode, JsonElement)> CallAsync(SecretReference reference, HttpRequestMessage request, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(CallLimit);
        var url = request.RequestUri!;
        try
        {
            using var response = await http.SendAsync(request, limit.Token);
            var text = await response.Content.ReadAsStringAsync(limit.Token);
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            return (response.StatusCode, document.RootElement.Clone());
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new SecretUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"{reference}: Vault at {url.GetLeftPart(UriPartial.Authority)} did not answer within {CallLimit.TotalSeconds:0}s"), e);
        }
        catch (HttpRequestException e)
        {
            throw new SecretUnavailableException($"{reference}: cannot reach Vault at {url.GetLeftPart(UriPartial.Authority)}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new SecretUnavailableException($"{reference}: Vault at {url.GetLeftPart(UriPartial.Authority)} answered {url.AbsolutePath} with no JSON", e);
        }
    }
}
