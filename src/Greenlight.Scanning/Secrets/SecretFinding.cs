namespace Greenlight.Scanning.Secrets;

/// <summary>
/// One detected secret. Deliberately holds no full secret: only the redacted excerpt, so a finding can be
/// printed, logged or stored in a release record as it is.
/// </summary>
/// <param name="File">Path relative to the scanned root, '/'-separated.</param>
/// <param name="Line">1-based; for a history finding, the line in that commit's version of the file.</param>
/// <param name="Column">1-based, where the secret starts.</param>
/// <param name="Fingerprint">
/// The key a baseline uses to accept a finding: file:rule:line-hash in the working tree, commit:file:rule:line
/// (as gitleaks writes it) in history, where a commit's content never changes.
/// </param>
public sealed record SecretFinding(
    string RuleId, string Description, string File, int Line, int Column, string Excerpt, string Fingerprint)
{
    /// <summary>Full sha of the commit that added the secret; null for a working-tree finding.</summary>
    public string? Commit { get; init; }

    /// <summary>Author date of <see cref="Commit"/>; null for a working-tree finding.</summary>
    public DateTimeOffset? AuthorDate { get; init; }

    /// <summary>
    /// For a secret found only once encoded text was decoded: the encodings undone, outermost first (e.g.
    /// ["base64", "percent"]; its count is gitleaks' decode-depth). Line and column are then the encoded text's.
    /// Null for a secret written as it is.
    /// </summary>
    public IReadOnlyList<string>? Decoded { get; init; }

    // "sha:path" is how git itself names a file in a commit (git show sha:path).
    public override string ToString() =>
        $"{(Commit is null ? "" : Commit[..Math.Min(12, Commit.Length)] + ":")}{File}:{Line}:{Column}: {RuleId}"
        + (Decoded is null ? "" : $" (decoded: {string.Join(" > ", Decoded)})") + $": {Excerpt}";
}
