namespace Greenlight.Scanning.Secrets;

/// <summary>A candidate that passed entropy and allowlists, before precedence, redaction and the baseline.</summary>
/// <param name="Index">Where the secret starts in the scanned text.</param>
/// <param name="LineNo">0-based line of the secret in the scanned text.</param>
/// <param name="Column">0-based column of the secret on that line.</param>
/// <param name="MatchLineNo">0-based line where the rule's whole match starts: gitleaks' line, for fingerprints.</param>
/// <param name="Inline">The allow comment on the match's lines that silences it, if any.</param>
internal sealed record SecretHit(SecretRule Rule, int Index, int LineNo, int Column, string Secret, string Line, int MatchLineNo, Suppression? Inline);
