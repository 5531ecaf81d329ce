namespace Greenlight.Scanning.Secrets;

/// <summary>A candidate that passed entropy and allowlists, before precedence, redaction and the baseline.</summary>
/// <param name="Index">Where the secret starts in the scanned text.</param>
/// <param name="LineNo">0-based line of the secret in the scanned text.</param>
/// <param name="Column">0-based column of the secret on that line.</param>
/// <param name="MatchLineNo">0-based line where the rule's whole match starts: gitleaks' line, for fingerprints.</param>
/// <param name="Inline">The allow comment on the match's lines that silences it, if any.</param>
/// <param name="MatchStart">Where the rule's whole match starts in the scanned text.</param>
/// <param name="MatchEnd">Where it ends (exclusive).</param>
internal sealed record SecretHit(SecretRule Rule, int Index, int LineNo, int Column, string Secret, string Line, int MatchLineNo, Suppression? Inline,
    int MatchStart, int MatchEnd)
{
    /// <summary>Set when the secret was found in decoded text; positions are then the encoded text's in the file.</summary>
    public DecodedFrom? Decoded { get; init; }

    /// <summary>How many chars of the scanned text hold the secret: the encoded span's length for a decoded one.</summary>
    public int Length => Decoded?.Length ?? Secret.Length;
}

/// <param name="Chain">The encodings undone, outermost first, e.g. ["base64", "percent"].</param>
/// <param name="Length">Length of the encoded text that holds the secret, in the file.</param>
internal sealed record DecodedFrom(IReadOnlyList<string> Chain, int Length);
