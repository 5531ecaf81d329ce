namespace Greenlight.Migrations.Lint;

/// <summary>
/// When a script runs in a release: expand before the new revision starts (the old one is still
/// serving), contract only after every older revision is retired.
/// </summary>
public enum MigrationPhase
{
    Expand,
    Contract,
}
