using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Providers.Secrets.Store;

/// <summary>AES-256-GCM for one value. The path and version are authenticated with it, so a value moved to another
/// path or version in the file is refused like a changed one.</summary>
internal static class StoreCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static StoreEntry Seal(StoreKey key, string path, int version, string value, DateTimeOffset now)
    {
        var plaintext = Encoding.UTF8.GetBytes(value);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(key.Bytes, TagSize))
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(path, version));
        CryptographicOperations.ZeroMemory(plaintext);
        return new StoreEntry(version, now, Convert.ToBase64String(nonce), Convert.ToBase64String(ciphertext), Convert.ToBase64String(tag));
    }

    /// <exception cref="SecretStoreException">The entry was changed or damaged.</exception>
    public static string Open(StoreKey key, string path, StoreEntry entry)
    {
        try
        {
            var nonce = Convert.FromBase64String(entry.Nonce ?? "");
            var ciphertext = Convert.FromBase64String(entry.Ciphertext ?? "");
            var tag = Convert.FromBase64String(entry.Tag ?? "");
            var plaintext = new byte[ciphertext.Length];
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, AssociatedData(path, entry.Version));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            throw new SecretStoreException($"version {entry.Version} fails authentication: the store file was changed or damaged since it was written", e);
        }
    }

    private static byte[] AssociatedData(string path, int version) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"greenlight-secret-store/1\n{path}\n{version}"));
}
