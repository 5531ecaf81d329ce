using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Providers.Notifiers.Webhook;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> and the base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>, keyed with
/// the bytes whose base64 follows <c>whsec_</c> in the secret.
/// </summary>
internal static class WebhookSignature
{
    public const string Prefix = "whsec_";

    /// <summary>The key of a <c>whsec_</c> secret; null when the secret is not one (its value is never quoted).</summary>
    public static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var key = new byte[secret.Length];
        return Convert.TryFromBase64String(secret[Prefix.Length..], key, out var length) && length >= 16 ? key[..length] : null;
    }

    public static string Sign(byte[] key, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
}
