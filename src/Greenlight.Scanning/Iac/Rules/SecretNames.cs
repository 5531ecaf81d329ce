using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Iac.Rules;

/// <summary>
/// Whether an environment variable's name says it holds a secret. Judged on name parts (DB_PASSWORD, dbPassword,
/// stripe-api-key), not substrings, so PASSTHROUGH or TOKENIZER_MODE are not secrets; and a name that ends in
/// what describes a secret rather than holding it (PASSWORD_FILE, TOKEN_URL, SECRET_ARN) is not either.
/// </summary>
internal static class SecretNames
{
    private static readonly Regex PartBoundary = new(@"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "PASSWORD", "PASSWD", "PWD", "PASSPHRASE", "SECRET", "TOKEN", "CREDENTIAL", "CREDENTIALS", "CREDS",
        "APIKEY", "PRIVATEKEY", "ACCESSKEY",
    };

    // Words that make "<word>_KEY" a secret: API_KEY, PRIVATE_KEY, ACCESS_KEY, SIGNING_KEY...
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal) { "API", "PRIVATE", "ACCESS", "SIGNING", "ENCRYPTION", "MASTER" };

    private static readonly HashSet<string> DescriptiveSuffixes = new(StringComparer.Ordinal)
    {
        "FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "HOST", "PORT", "NAME", "ARN", "ID", "REF", "TTL", "EXPIRY",
        "LENGTH", "TIMEOUT", "TYPE", "HEADER", "ENABLED", "VERSION", "REGION", "ALGORITHM", "SIZE",
    };

    public static bool LooksSecret(string name)
    {
        var parts = PartBoundary.Split(name).Where(p => p.Length > 0).Select(p => p.ToUpperInvariant()).ToList();
        if (parts.Count == 0 || DescriptiveSuffixes.Contains(parts[^1])) return false;
        return parts.Where((part, i) => SecretWords.Contains(part) || (part == "KEY" && i > 0 && KeyQualifiers.Contains(parts[i - 1]))).Any();
    }
}
