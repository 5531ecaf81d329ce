namespace Greenlight.Core.Manifest;

/// <summary>The manifest's <c>database.lint</c> switches (see docs/migrations-lint.md).</summary>
/// <param name="RequireLockTimeout">GL019: a script that locks tables must set lock_timeout first (unless <c>lockTimeout</c> is set).</param>
/// <param name="TypeAdvice">The Low-severity type and name advice, GL024–GL029.</param>
public sealed record LintSpec(bool RequireLockTimeout, bool TypeAdvice)
{
    public static LintSpec Default { get; } = new(RequireLockTimeout: false, TypeAdvice: true);
}
