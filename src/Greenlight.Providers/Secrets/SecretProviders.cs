using Greenlight.Core.Secrets;
using Greenlight.Providers.Secrets.Env;
using Greenlight.Providers.Secrets.Files;
using Greenlight.Providers.Secrets.Store;
using Greenlight.Providers.Secrets.Vault;

namespace Greenlight.Providers.Secrets;

/// <summary>The built-in secret providers, keyed by the scheme of the references they read.</summary>
public static class SecretProviders
{
    /// <param name="stateDirectory">Where the local store (and its key file) is.</param>
    /// <param name="http">Vault's client; each call is bounded by the provider.</param>
    /// <param name="environment">The controller's environment: <c>env:</c> values, Vault's address and credentials,
    /// the store's key; the process's own by default.</param>
    public static IReadOnlyDictionary<string, ISecretProvider> Create(string stateDirectory, HttpClient http, TimeProvider time, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        ISecretProvider[] providers =
        [
            new StoreSecretProvider(new SecretStore(stateDirectory, time, environment)),
            new EnvSecretProvider(environment),
            new FileSecretProvider(),
            new VaultSecretProvider(http, environment),
        ];
        return providers.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }
}
