namespace Greenlight.Migrations.Lint;

/// <summary>
/// How bad a finding is. High and Medium fail `db lint`, the release and the pipeline's lint step; Low is advice,
/// reported as a warning that fails nothing.
/// </summary>
public enum LintSeverity
{
    /// <summary>Advice about types and names: cheap now, expensive to change once the table is big.</summary>
    Low,

    /// <summary>Blocks the serving revision's reads or writes while it runs.</summary>
    Medium,

    /// <summary>Breaks the serving revision, loses data, or cannot run as written.</summary>
    High,
}
