namespace Greenlight.Scanning.Secrets;

/// <summary>
/// One detected secret. Deliberately holds no full secret: only the redacted excerpt, so a finding can be
/// printed, logged or stored in a release record as it is.
/// </summary>
/// <param name="File">Path relative to the scanned root, '/'-separated.</param>
/// <param name="Line">1-based.</param>
/// <param name="Column">1-based, where the secret starts.</param>
/// <param name="Fingerprint">file:rule:line-hash, the key a baseline uses to accept a finding.</param>
public sealed record SecretFinding(
    string RuleId, string Description, string File, int Line, int Column, string Excerpt, string Fingerprint)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {RuleId}: {Excerpt}";
}
