using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// In the working tree the line's content is hashed rather than its number used, so an accepted finding stays
/// accepted when lines above it are added or removed; the hash is one-way, so the baseline does not leak the
/// secret either. A commit never changes, so there the line number is exact and stable (gitleaks' format).
/// </summary>
internal static class Fingerprint
{
    public static string Of(string file, string ruleId, string line)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(line.Trim()));
        return $"{file}:{ruleId}:{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }

    public static string OfCommit(string commit, string file, string ruleId, int line) => $"{commit}:{file}:{ruleId}:{line}";
}
