namespace Greenlight.Migrations.Lint;

/// <summary>One rule violation, located at the token that triggered it (1-based line and column).</summary>
public sealed record LintFinding(
    string RuleId,
    string File,
    int Line,
    int Column,
    string Statement,
    string Message,
    string SafeAlternative,
    LintSeverity Severity)
{
    /// <summary>High and Medium findings stop a release; Low ones are advice.</summary>
    public bool Fails => Severity != LintSeverity.Low;

    public override string ToString() => $"{File}:{Line}:{Column}: {RuleId} {Message} ({Statement})";
}
