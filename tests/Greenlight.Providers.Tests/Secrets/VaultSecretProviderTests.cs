using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;
using Greenlight.Providers.Secrets;
using Greenlight.Testing;
using Greenlight.Testing.Vault;

namespace Greenlight.Providers.Tests.Secrets;

/// <summary>The Vault provider against <see cref="FakeVaultServer"/>, a fake of Vault's KV v2 and AppRole HTTP API
/// (no Vault server can run here).</summary>
public sealed class VaultSecretProviderTests : IAsyncLifetime
{
    private static readonly SecretReference DbPassword = new("vault", "secret/shop/db", "password");
    private readonly string _value = $"s3cret-{Guid.NewGuid():N}";
    private readonly Dictionary<string, string> _environment = [];
    private readonly HttpClient _http = new();
    private FakeVaultServer _vault = null!;

    public async Task InitializeAsync()
    {
        _vault = await FakeVaultServer.StartAsync();
        _environment["VAULT_ADDR"] = _vault.Address.ToString();
        _vault.Put("secret/shop/db", new Dictionary<string, object> { ["password"] = "first-value", ["user"] = "shop" });
        _vault.Put("secret/shop/db", new Dictionary<string, object> { ["password"] = _value, ["user"] = "shop" });
    }

    private ISecretProvider Provider() =>
        SecretProviders.Create(Path.GetTempPath(), _http, TimeProvider.System, name => _environment.GetValueOrDefault(name))["vault"];

    private async Task<string> ErrorOf(SecretReference reference, ISecretProvider? provider = null)
    {
        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => (provider ?? Provider()).GetAsync(reference, default));
        Assert.DoesNotContain(_value, error.ToString());
        return error.Message;
    }

    [Fact]
    public async Task GetAsync_WithAToken_ReadsTheKeyOfTheLatestVersion()
    {
        var token = _environment["VAULT_TOKEN"] = _vault.IssueToken();

        var secret = await Provider().GetAsync(DbPassword, default);

        Assert.Equal(new SecretValue(_value, "2"), secret);
        Assert.Equal([$"GET /v1/secret/data/shop/db {token}"], _vault.Requests);
    }

    [Fact]
    public async Task GetAsync_WithAppRole_LogsInOnceAndKeepsTheToken()
    {
        _vault.AddAppRole("role-1", "secret-id-1");
        _environment["VAULT_ROLE_ID"] = "role-1";
        _environment["VAULT_SECRET_ID"] = "secret-id-1";
        var provider = Provider();

        await provider.GetAsync(DbPassword, default);
        var secret = await provider.GetAsync(DbPassword, default);

        Assert.Equal(_value, secret.Value);
        Assert.Equal(["POST /v1/auth/approle/login", "GET /v1/secret/data/shop/db", "GET /v1/secret/data/shop/db"],
            _vault.Requests.Select(r => string.Join(' ', r.Split(' ')[..2])));
    }

    [Fact]
    public async Task GetAsync_AppRoleTokenRevoked_LogsInAgainAndReads()
    {
        _vault.AddAppRole("role-1", "secret-id-1");
        _environment["VAULT_ROLE_ID"] = "role-1";
        _environment["VAULT_SECRET_ID"] = "secret-id-1";
        var provider = Provider();
        await provider.GetAsync(DbPassword, default);
        _vault.RevokeAllTokens();

        Assert.Equal(_value, (await provider.GetAsync(DbPassword, default)).Value);
        Assert.Equal(2, _vault.Requests.Count(r => r.StartsWith("POST /v1/auth/approle/login", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetAsync_WrongAppRoleCredentials_SaysTheLoginFailed()
    {
        _vault.AddAppRole("role-1", "secret-id-1");
        _environment["VAULT_ROLE_ID"] = "role-1";
        _environment["VAULT_SECRET_ID"] = "wrong-secret-id";

        var message = await ErrorOf(DbPassword);

        Assert.Equal($"vault:secret/shop/db#password: the AppRole login (VAULT_ROLE_ID, VAULT_SECRET_ID) failed (400 from {_vault.Address}v1/auth/approle/login: invalid role or secret ID)", message);
        Assert.DoesNotContain("wrong-secret-id", message);
    }

    [Fact]
    public async Task GetAsync_UnknownToken_IsRefusedWithoutShowingIt()
    {
        _environment["VAULT_TOKEN"] = "hvs.not-a-token-vault-knows";

        var message = await ErrorOf(DbPassword);

        Assert.Equal($"vault:secret/shop/db#password: Vault refused the token (403 from {_vault.Address}v1/secret/data/shop/db: permission denied)", message);
    }

    [Fact]
    public async Task GetAsync_NoSuchSecretOrKey_SaysWhichAndListsTheKeysThereAre()
    {
        _environment["VAULT_TOKEN"] = _vault.IssueToken();

        Assert.Equal($"vault:secret/shop/none#password: Vault has no secret at secret/shop/none (or the token may not read it, or secret is not a KV version 2 mount) (404 from {_vault.Address}v1/secret/data/shop/none)",
            await ErrorOf(DbPassword with { Path = "secret/shop/none" }));
        Assert.Equal("vault:secret/shop/db#pasword: the secret has no key \"pasword\" (its keys: password, user)",
            await ErrorOf(DbPassword with { Key = "pasword" }));
    }

    [Fact]
    public async Task GetAsync_LatestVersionDeleted_SaysSo()
    {
        _environment["VAULT_TOKEN"] = _vault.IssueToken();
        _vault.DeleteLatest("secret/shop/db");

        Assert.StartsWith("vault:secret/shop/db#password: its latest version (2) was deleted at ", await ErrorOf(DbPassword));
    }

    [Theory]
    [InlineData(null, "t", "vault:secret/shop/db#password: VAULT_ADDR is not set in the controller's environment (such as https://vault.example.com:8200)")]
    [InlineData("vault.example.com:8200", "t", "vault:secret/shop/db#password: VAULT_ADDR \"vault.example.com:8200\" is not an http or https address")]
    [InlineData("http://127.0.0.1:1", null, "vault:secret/shop/db#password: no Vault credentials in the controller's environment: set VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID to log in with AppRole")]
    public async Task GetAsync_MissingSettings_SaysWhatToSet(string? address, string? token, string expected)
    {
        _environment.Remove("VAULT_ADDR");
        if (address is not null)
            _environment["VAULT_ADDR"] = address;
        if (token is not null)
            _environment["VAULT_TOKEN"] = token;

        Assert.Equal(expected, await ErrorOf(DbPassword));
    }

    [Fact]
    public async Task GetAsync_NothingListens_SaysVaultCannotBeReached()
    {
        _environment["VAULT_ADDR"] = $"http://127.0.0.1:{Ports.Free()}";
        _environment["VAULT_TOKEN"] = "hvs.any";

        Assert.StartsWith($"vault:secret/shop/db#password: cannot reach Vault at {_environment["VAULT_ADDR"]}: ", await ErrorOf(DbPassword));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _vault.DisposeAsync();
    }
}
