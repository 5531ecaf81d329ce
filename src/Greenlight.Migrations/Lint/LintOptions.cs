namespace Greenlight.Migrations.Lint;

/// <summary>The project-wide lint switches (manifest <c>database.lint</c>) and what the migrator will set for a run.</summary>
public sealed record LintOptions
{
    public static LintOptions Default { get; } = new();

    /// <summary>Turns on GL019: a script that locks tables must set <c>lock_timeout</c> first.</summary>
    public bool RequireLockTimeout { get; init; }

    /// <summary>The manifest's <c>database.lockTimeout</c> is set, so every run already has a lock timeout (satisfies GL019).</summary>
    public bool LockTimeoutConfigured { get; init; }

    /// <summary>The Low-severity type and name advice (GL024–GL029); on by default.</summary>
    public bool TypeAdvice { get; init; } = true;
}
