using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;
using Greenlight.Providers.Secrets;

namespace Greenlight.Providers.Tests.Secrets;

/// <summary>The providers that read this machine: the local store, the controller's environment, files.</summary>
public sealed class LocalSecretProvidersTests : IDisposable
{
    private readonly StoreDirectory _dir = new();
    private readonly string _value = $"s3cret-{Guid.NewGuid():N}";

    private ISecretProvider Provider(string scheme) =>
        SecretProviders.Create(_dir.Path, new HttpClient(), TimeProvider.System, name => _dir.Environment.GetValueOrDefault(name))[scheme];

    [Fact]
    public async Task Store_SetPath_GivesItsCurrentValueAndVersion()
    {
        _dir.Store.Set("shop/db", "old-value");
        _dir.Store.Set("shop/db", _value, rotate: true);

        Assert.Equal(new SecretValue(_value, "2"), await Provider("store").GetAsync(new SecretReference("store", "shop/db"), default));
    }

    [Fact]
    public async Task Store_UnknownPath_NamesTheReference()
    {
        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => Provider("store").GetAsync(new SecretReference("store", "shop/db"), default));

        Assert.Equal($"store:shop/db: shop/db is not in the secret store {_dir.Store.FilePath}; set it with `greenlight secrets set shop/db`", error.Message);
    }

    [Fact]
    public async Task Env_SetVariable_GivesItUnversioned_MissingOneIsNamed()
    {
        _dir.Environment["SHOP_TOKEN"] = _value;

        Assert.Equal(new SecretValue(_value, null), await Provider("env").GetAsync(new SecretReference("env", "SHOP_TOKEN"), default));
        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => Provider("env").GetAsync(new SecretReference("env", "SHOP_OTHER"), default));
        Assert.Equal("env:SHOP_OTHER: the controller's environment has no variable SHOP_OTHER", error.Message);
    }

    [Fact]
    public async Task File_GivesTheWholeContentAndANewVersionWhenTheFileIsReplaced()
    {
        var path = Path.Combine(_dir.Path, "license.txt");
        await File.WriteAllTextAsync(path, _value + "\n");
        File.SetLastWriteTimeUtc(path, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var reference = new SecretReference("file", path);

        var first = await Provider("file").GetAsync(reference, default);
        await File.WriteAllTextAsync(path, "rotated");
        File.SetLastWriteTimeUtc(path, new DateTime(2030, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var second = await Provider("file").GetAsync(reference, default);

        Assert.Equal(new SecretValue(_value + "\n", "2030-01-01T00:00:00.0000000Z"), first);
        Assert.Equal(new SecretValue("rotated", "2030-01-02T00:00:00.0000000Z"), second);
    }

    [Fact]
    public async Task File_MissingOrADirectory_IsNamed()
    {
        var missing = new SecretReference("file", Path.Combine(_dir.Path, "nope.txt"));
        var directory = new SecretReference("file", _dir.Path);

        Assert.Equal($"file:{missing.Path}: there is no such file",
            (await Assert.ThrowsAsync<SecretUnavailableException>(() => Provider("file").GetAsync(missing, default))).Message);
        Assert.Equal($"file:{_dir.Path}: it is a directory, not a file",
            (await Assert.ThrowsAsync<SecretUnavailableException>(() => Provider("file").GetAsync(directory, default))).Message);
    }

    [Fact]
    public void Create_OneProviderPerScheme_KeyedByItsName()
    {
        var providers = SecretProviders.Create(_dir.Path, new HttpClient(), TimeProvider.System);

        Assert.Equal(SecretReference.Schemes.Order(), providers.Keys.Order());
        Assert.All(providers, p => Assert.Equal(p.Key, p.Value.Name));
    }

    public void Dispose() => _dir.Dispose();
}
