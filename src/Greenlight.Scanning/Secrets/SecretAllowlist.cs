using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Secrets;

/// <summary>What a regex allowlist entry is tested against (gitleaks' regexTarget).</summary>
public enum AllowlistTarget { Secret, Match, Line }

/// <summary>Exceptions to a rule (or to all rules when global): any matching entry drops the finding.</summary>
public sealed class SecretAllowlist
{
    public IReadOnlyList<Regex> Regexes { get; init; } = [];
    public AllowlistTarget RegexTarget { get; init; } = AllowlistTarget.Secret;
    public IReadOnlyList<Regex> Paths { get; init; } = [];
    /// <summary>Case-insensitive substrings of the secret (placeholders such as "example").</summary>
    public IReadOnlyList<string> StopWords { get; init; } = [];
    /// <summary>gitleaks' condition = "AND": every configured kind of entry must match, not just one.</summary>
    public bool RequireAll { get; init; }

    internal bool Allows(string path, string secret, string match, string line)
    {
        var regexText = RegexTarget switch
        {
            AllowlistTarget.Match => match,
            AllowlistTarget.Line => line,
            _ => secret,
        };
        bool? byRegex = Regexes.Count == 0 ? null : Regexes.Any(r => r.IsMatch(regexText));
        bool? byPath = Paths.Count == 0 ? null : Paths.Any(r => r.IsMatch(path));
        bool? byStop = StopWords.Count == 0 ? null
            : StopWords.Any(w => secret.Contains(w, StringComparison.OrdinalIgnoreCase));
        bool?[] checks = [byRegex, byPath, byStop];
        var configured = checks.Where(c => c.HasValue).Select(c => c!.Value).ToList();
        if (configured.Count == 0) return false;
        return RequireAll ? configured.All(c => c) : configured.Any(c => c);
    }

    /// <summary>Path-only check, used to skip a whole file before reading it.</summary>
    internal bool AllowsPath(string path) =>
        Paths.Count > 0 && Regexes.Count == 0 && StopWords.Count == 0 && Paths.Any(r => r.IsMatch(path));
}
