using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Hashes the line's content rather than using its number, so an accepted finding stays accepted when lines
/// above it are added or removed. The hash is one-way, so the baseline file does not leak the secret either.
/// </summary>
internal static class Fingerprint
{
    public static string Of(string file, string ruleId, string line)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(line.Trim()));
        return $"{file}:{ruleId}:{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }
}
