using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Greenlight.Core.Secrets;
using Greenlight.Providers.Secrets.Store;

namespace Greenlight.Providers.Tests.Secrets;

/// <summary>The local store: values sealed at rest, versions per path, a key that is owner-only or given.</summary>
public sealed class SecretStoreTests : IDisposable
{
    private readonly StoreDirectory _dir = new();
    private readonly string _value = $"s3cret-{Guid.NewGuid():N}";

    [Fact]
    public void Set_ThenGet_ReturnsTheValueAndVersionOneWithTheValueNowhereInTheFiles()
    {
        var change = _dir.Store.Set("shop/db-password", _value);

        Assert.Equal(1, change.Secret.Version);
        Assert.Null(change.Previous);
        Assert.Equal(new SecretValue(_value, "1"), _dir.Store.Get("shop/db-password"));
        Assert.All(Directory.GetFiles(_dir.Path), f => Assert.DoesNotContain(_value, File.ReadAllText(f)));
        Assert.Contains("shop/db-password", _dir.StoreText); // paths are in the clear: list needs no key
    }

    [Fact]
    public void Set_FirstUse_CreatesAnOwnerOnlyKeyFileAndOwnerOnlyStore()
    {
        _dir.Store.Set("a", _value);

        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(_dir.Store.KeyPath));
        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(_dir.Store.FilePath));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(_dir.Store.KeyPath)).Length);
    }

    [Fact]
    public void Get_KeyFileReadableByOthers_IsRefusedAndNotTightened()
    {
        _dir.Store.Set("a", _value);
        File.SetUnixFileMode(_dir.Store.KeyPath, OwnerOnly.FilePermissions | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<SecretStoreException>(() => _dir.Store.Get("a"));

        Assert.Equal($"the key file {_dir.Store.KeyPath} can be read or written by others (mode 0644): make it owner-only (chmod 600) if no one else could have read it, or replace the store", error.Message);
        Assert.NotEqual(OwnerOnly.FilePermissions, File.GetUnixFileMode(_dir.Store.KeyPath));
    }

    [Fact]
    public void Get_TamperedCiphertext_IsRefused()
    {
        _dir.Store.Set("shop/db", _value);
        var document = JsonNode.Parse(_dir.StoreText)!;
        var ciphertext = Convert.FromBase64String(document["secrets"]!["shop/db"]!["ciphertext"]!.GetValue<string>());
        ciphertext[0] ^= 1;
        document["secrets"]!["shop/db"]!["ciphertext"] = Convert.ToBase64String(ciphertext);
        File.WriteAllText(_dir.Store.FilePath, document.ToJsonString());

        var error = Assert.Throws<SecretStoreException>(() => _dir.Store.Get("shop/db"));

        Assert.Equal("version 1 fails authentication: the store file was changed or damaged since it was written", error.Message);
    }

    [Fact]
    public void Get_CiphertextMovedToAnotherPath_IsRefused()
    {
        _dir.Store.Set("shop/db", _value);
        _dir.Store.Set("shop/api", "another-value");
        var document = JsonNode.Parse(_dir.StoreText)!;
        document["secrets"]!["shop/api"] = document["secrets"]!["shop/db"]!.DeepClone();
        File.WriteAllText(_dir.Store.FilePath, document.ToJsonString());

        Assert.Throws<SecretStoreException>(() => _dir.Store.Get("shop/api"));
    }

    [Fact]
    public void Get_WrongKeyGivenInTheEnvironment_IsRefusedAsTheWrongKey()
    {
        _dir.Store.Set("a", _value);
        _dir.Environment[SecretStore.KeyVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var error = Assert.Throws<SecretStoreException>(() => _dir.Store.Get("a"));
        var write = Assert.Throws<SecretStoreException>(() => _dir.Store.Set("b", "other"));

        Assert.Equal($"the key from {SecretStore.KeyVariable} is not the key the secret store {_dir.Store.FilePath} was written with", error.Message);
        Assert.Equal(error.Message, write.Message);
        Assert.DoesNotContain("\"b\"", _dir.StoreText);
    }

    [Fact]
    public void Set_KeyInTheEnvironment_IsUsedAndNoKeyFileIsWritten()
    {
        _dir.Environment[SecretStore.KeyVariable] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        _dir.Store.Set("a", _value);

        Assert.False(File.Exists(_dir.Store.KeyPath));
        Assert.Equal(_value, _dir.Store.Get("a").Value);
        _dir.Environment.Clear();
        Assert.Contains("no key to open the secret store", Assert.Throws<SecretStoreException>(() => _dir.Store.Get("a")).Message);
    }

    [Theory]
    [InlineData("not base64!", "GREENLIGHT_SECRETS_KEY is not base64: expected 32 random bytes in base64, such as the output of `openssl rand -base64 32`")]
    [InlineData("c2hvcnQ=", "GREENLIGHT_SECRETS_KEY holds 5 bytes: expected 32 random bytes in base64, such as the output of `openssl rand -base64 32`")]
    public void Set_UnusableKeyInTheEnvironment_IsRefusedWithoutShowingIt(string key, string expected)
    {
        _dir.Environment[SecretStore.KeyVariable] = key;

        Assert.Equal(expected, Assert.Throws<SecretStoreException>(() => _dir.Store.Set("a", _value)).Message);
    }

    [Fact]
    public void Set_EachNewValue_RaisesTheVersionAndTheSameValueAddsNone()
    {
        _dir.Store.Set("a", "one-value");
        var second = _dir.Store.Set("a", "two-value");
        var same = _dir.Store.Set("a", "two-value");

        Assert.Equal((2, 1, true), (second.Secret.Version, second.Previous, second.Changed));
        Assert.Equal((2, false), (same.Secret.Version, same.Changed));
        Assert.Equal(new SecretValue("two-value", "2"), _dir.Store.Get("a"));
    }

    [Fact]
    public void Rotate_NewValue_AddsAVersion_SameValueOrUnknownPathIsRefused()
    {
        _dir.Store.Set("a", "one-value");

        var rotated = _dir.Store.Set("a", "two-value", rotate: true);
        var same = Assert.Throws<SecretStoreException>(() => _dir.Store.Set("a", "two-value", rotate: true));
        var unknown = Assert.Throws<SecretStoreException>(() => _dir.Store.Set("b", "x-value", rotate: true));

        Assert.Equal(2, rotated.Secret.Version);
        Assert.Equal("the value is the one version 2 of a already holds: a rotation needs a new value", same.Message);
        Assert.Equal("b is not in the secret store, so there is nothing to rotate; set it with `greenlight secrets set b`", unknown.Message);
    }

    [Fact]
    public void Remove_ThenSetAgain_ContinuesTheVersionsSoNoVersionMeansTwoValues()
    {
        _dir.Store.Set("a", "one-value");
        _dir.Store.Set("a", "two-value");

        Assert.Equal(2, _dir.Store.Remove("a")?.Version);
        Assert.Null(_dir.Store.Remove("a"));
        Assert.Empty(_dir.Store.List());
        Assert.Contains("a is not in the secret store", Assert.Throws<SecretStoreException>(() => _dir.Store.Get("a")).Message);
        Assert.Equal(3, _dir.Store.Set("a", "one-value").Secret.Version);
    }

    [Fact]
    public void List_ShowsPathsAndVersionsOnly_AndNeedsNoKey()
    {
        _dir.Store.Set("shop/b", _value);
        _dir.Store.Set("shop/a", _value + "x");
        _dir.Store.Set("shop/a", _value + "y");
        File.Delete(_dir.Store.KeyPath);

        Assert.Equal([("shop/a", 2), ("shop/b", 1)], _dir.Store.List().Select(s => (s.Path, s.Version)));
    }

    [Fact]
    public void Set_EmptyValue_IsRefused() =>
        Assert.Equal("the value is empty: a secret needs at least one character", Assert.Throws<SecretStoreException>(() => _dir.Store.Set("a", "")).Message);

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("with space")]
    public void Set_BadPath_IsRefused(string path) =>
        Assert.StartsWith($"\"{path}\" is not a store path", Assert.Throws<SecretStoreException>(() => _dir.Store.Set(path, _value)).Message);

    [Fact]
    public async Task Set_ManyWritersAtOnce_LoseNoWrite()
    {
        // Each task is its own store object, as separate commands would be; the flock orders them.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => _dir.Store.Set($"p{i}", $"value-{i}"))));

        Assert.Equal(16, _dir.Store.List().Count);
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal($"value-{i}", _dir.Store.Get($"p{i}").Value));
    }

    [Fact]
    public void Get_DamagedStoreFile_SaysSo()
    {
        _dir.Store.Set("a", _value);
        File.WriteAllText(_dir.Store.FilePath, "{ not json");

        Assert.StartsWith($"the store file {_dir.Store.FilePath} is damaged:", Assert.Throws<SecretStoreException>(() => _dir.Store.Get("a")).Message);
    }

    public void Dispose() => _dir.Dispose();
}
