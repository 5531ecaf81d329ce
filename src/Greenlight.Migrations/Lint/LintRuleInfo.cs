namespace Greenlight.Migrations.Lint;

/// <summary>Public description of a rule, for `greenlight db lint --rules` and the docs.</summary>
public sealed record LintRuleInfo(
    string Id,
    string Title,
    string Why,
    string SafeAlternative,
    bool Destructive,
    IReadOnlyList<DatabaseProvider> Dialects,
    LintSeverity Severity);
