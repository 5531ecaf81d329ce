using Greenlight.Providers.Secrets.Store;

namespace Greenlight.Providers.Tests.Secrets;

/// <summary>A throwaway state directory with a store in it, and a controllable environment for its key.</summary>
internal sealed class StoreDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("greenlight-secrets-").FullName;

    public Dictionary<string, string> Environment { get; } = [];

    public SecretStore Store => new(Path, TimeProvider.System, name => Environment.GetValueOrDefault(name));

    public string StoreText => File.ReadAllText(Store.FilePath);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
