using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Vault;

/// <summary>
/// How the controller reaches Vault, from its own environment, as Vault's CLI does: <c>VAULT_ADDR</c>, then a token
/// (<c>VAULT_TOKEN</c>) or an AppRole (<c>VAULT_ROLE_ID</c> and <c>VAULT_SECRET_ID</c>), and <c>VAULT_NAMESPACE</c>
/// on Vault Enterprise. Read when a reference is resolved, so a rotated token is picked up by a restarted controller.
/// </summary>
internal sealed record VaultSettings(Uri Address, string? Token, string? RoleId, string? SecretId, string? Namespace)
{
    /// <exception cref="SecretUnavailableException">Vault's address or credentials are missing or unusable.</exception>
    public static VaultSettings From(Func<string, string?> environment, string reference)
    {
        string? Read(string name) => environment(name) is { Length: > 0 } value ? value : null;
        var address = Read("VAULT_ADDR")
            ?? throw new SecretUnavailableException($"{reference}: VAULT_ADDR is not set in the controller's environment (such as https://vault.example.com:8200)");
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new SecretUnavailableException($"{reference}: VAULT_ADDR \"{address}\" is not an http or https address");
        var settings = new VaultSettings(uri, Read("VAULT_TOKEN"), Read("VAULT_ROLE_ID"), Read("VAULT_SECRET_ID"), Read("VAULT_NAMESPACE"));
        return settings.Token is not null || settings.UsesAppRole
            ? settings
            : throw new SecretUnavailableException($"{reference}: no Vault credentials in the controller's environment: set VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID to log in with AppRole");
    }

    /// <summary>A token given outright is used as it is; AppRole is the way when there is none.</summary>
    public bool UsesAppRole => Token is null && RoleId is not null && SecretId is not null;

    /// <summary>The address of an API path such as <c>secret/data/shop</c>; each segment escaped.</summary>
    public Uri Api(string path) =>
        new(Address.AbsoluteUri.TrimEnd('/') + "/v1/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
}
