using System.Security.Cryptography;
using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Store;

/// <summary>
/// The AES-256 key of the local store: from <see cref="SecretStore.KeyVariable"/> (base64 of 32 bytes) when it is set,
/// else from the owner-only key file in the state directory, created on the first write.
/// </summary>
internal sealed record StoreKey(byte[] Bytes, string Source)
{
    private const int Size = 32;

    /// <summary>Null when there is no key yet: no variable and no key file.</summary>
    public static StoreKey? Load(string keyFile, Func<string, string?> environment)
    {
        if (environment(SecretStore.KeyVariable) is { Length: > 0 } text)
            return new StoreKey(Decode(text, $"{SecretStore.KeyVariable}"), SecretStore.KeyVariable);
        if (!File.Exists(keyFile))
            return null;
        // Like ssh with a private key: a key others could read may be known to them, so it is not used, nor tightened.
        var mode = File.GetUnixFileMode(keyFile);
        if ((mode & ~OwnerOnly.FilePermissions) != 0)
            throw new SecretStoreException($"the key file {keyFile} can be read or written by others (mode {Octal(mode)}): make it owner-only (chmod 600) if no one else could have read it, or replace the store");
        return new StoreKey(Decode(File.ReadAllText(keyFile), $"the key file {keyFile}"), keyFile);
    }

    /// <summary>The key, made (owner-only, from the system's random source) when there is none.</summary>
    public static StoreKey LoadOrCreate(string keyFile, Func<string, string?> environment)
    {
        if (Load(keyFile, environment) is { } key)
            return key;
        var bytes = RandomNumberGenerator.GetBytes(Size);
        try
        {
            using var writer = new StreamWriter(OwnerOnly.Open(keyFile, FileMode.CreateNew, FileAccess.Write, FileShare.None));
            writer.Write(Convert.ToBase64String(bytes) + "\n");
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            return Load(keyFile, environment)!; // made meanwhile by another command: that one counts
        }
        return new StoreKey(bytes, keyFile);
    }

    /// <summary>Proves the key without revealing it: stored in the file so that a wrong key is told apart from damage.</summary>
    public string Check() => Convert.ToBase64String(HMACSHA256.HashData(Bytes, "greenlight secret store key check"u8));

    private static byte[] Decode(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new SecretStoreException($"{source} is not base64: expected 32 random bytes in base64, such as the output of `openssl rand -base64 32`");
        }
        return bytes.Length == Size
            ? bytes
            : throw new SecretStoreException($"{source} holds {bytes.Length} bytes: expected 32 random bytes in base64, such as the output of `openssl rand -base64 32`");
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
