using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Server.Auth;

/// <summary>Token values and the hashes the store keeps of them.</summary>
internal static class ApiTokenValues
{
    /// <summary>Marks a Greenlight token, so that secret scanners (and people) recognise one pasted where it should not be.</summary>
    public const string Prefix = "glt_";

    /// <summary>256 random bits, base64url, with <see cref="Prefix"/>; and the id it is listed and revoked by.</summary>
    public static (string Id, string Value) New() =>
        ("tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
         Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>
    /// Plain SHA-256, no salt and no slow KDF: those protect guessable passwords against a stolen hash, and a value of
    /// 256 random bits cannot be guessed, however fast the hash. A fast hash also keeps every API call cheap.
    /// </summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
