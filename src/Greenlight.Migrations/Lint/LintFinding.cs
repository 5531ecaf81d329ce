namespace Greenlight.Migrations.Lint;

/// <summary>One rule violation, located at the token that triggered it (1-based line and column).</summary>
public sealed record LintFinding(
    string RuleId,
    string File,
    int Line,
    int Column,
    string Statement,
    string Message,
    string SafeAlternative)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {RuleId} {Message} ({Statement})";
}
