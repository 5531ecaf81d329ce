using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Secrets;

/// <summary>One detection rule, in the shape of a gitleaks rule so that teams' configurations map onto it 1:1.</summary>
public sealed class SecretRule
{
    public required string Id { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Null for a path-only rule (gitleaks allows those; the file itself is the finding).</summary>
    public Regex? Pattern { get; init; }
    /// <summary>Capture group holding the secret; 0 means "first non-empty group, else the whole match", as gitleaks does.</summary>
    public int SecretGroup { get; init; }
    /// <summary>Shannon entropy (bits per char) the secret must exceed, as in gitleaks; 0 disables the check.</summary>
    public double MinEntropy { get; init; }
    /// <summary>Lowercase substrings of which at least one must occur in the file before the regex runs at all.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
    /// <summary>When set, the rule only applies to files whose relative path matches.</summary>
    public Regex? PathFilter { get; init; }
    public IReadOnlyList<SecretAllowlist> Allowlists { get; init; } = [];
    /// <summary>Rules that must match near this one for it to report (a composite rule).</summary>
    public IReadOnlyList<RequiredRule> Required { get; init; } = [];
    /// <summary>A helper of composite rules: its matches serve them but are never reported on their own.</summary>
    public bool SkipReport { get; init; }
}
