using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Store;

/// <summary><c>store:&lt;path&gt;</c>: the current version of a path of the local <see cref="SecretStore"/>.</summary>
internal sealed class StoreSecretProvider(SecretStore store) : ISecretProvider
{
    public string Name => SecretReference.Store;

    public Task<SecretValue> GetAsync(SecretReference reference, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(store.Get(reference.Path));
        }
        catch (SecretStoreException e)
        {
            throw new SecretUnavailableException($"{reference}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new SecretUnavailableException($"{reference}: cannot read the secret store {store.FilePath}: {e.Message}", e);
        }
    }
}
