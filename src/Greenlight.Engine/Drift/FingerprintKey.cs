using System.Collections.Concurrent;
using System.Security.Cryptography;
using Greenlight.Core.Secrets;

namespace Greenlight.Engine.Drift;

/// <summary>
/// The key of the environment's keyed hashes: 32 random bytes in <c>drift.key</c> in the state directory, owner-only.
/// Without it a recorded hash cannot be tested against guessed values; with it, equal values still hash equal.
/// </summary>
internal static class FingerprintKey
{
    public const string FileName = "drift.key";
    private const int Length = 32;
    private static readonly ConcurrentDictionary<string, byte[]> Keys = new();

    public static byte[] For(string stateDirectory) => Keys.GetOrAdd(Path.GetFullPath(stateDirectory), Load);

    /// <summary>The first 32 hex digits of the HMAC-SHA256 of <paramref name="value"/>.</summary>
    public static string Hash(byte[] key, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(value)))[..32];

    private static byte[] Load(string stateDirectory)
    {
        OwnerOnly.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, FileName);
        using var file = OwnerOnly.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var key = new byte[Length];
        if (file.Length == Length)
        {
            file.ReadExactly(key);
            return key;
        }
        // New, or cut short by a crash while it was written: hashes made with a lost key only stop matching.
        RandomNumberGenerator.Fill(key);
        file.SetLength(0);
        file.Write(key);
        file.Flush(flushToDisk: true);
        return key;
    }
}
