using Greenlight.Core.Manifest;

namespace Greenlight.Migrations;

/// <summary>Where the scripts are, which database to migrate and how.</summary>
public sealed record MigratorOptions
{
    public required string ConnectionString { get; init; }

    public required DatabaseProvider Provider { get; init; }

    public required string ScriptsFolder { get; init; }

    /// <summary>Set to <c>flyway_schema_history</c> to continue from an existing Flyway history.</summary>
    public string HistoryTable { get; init; } = "greenlight_schema_history";

    /// <summary>Apply a pending versioned script even when a later version is already applied.</summary>
    public bool OutOfOrder { get; init; }

    /// <summary>How long to wait for another run's lock on the history (SQLite counts it in whole seconds).</summary>
    public TimeSpan RunLockWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>PostgreSQL <c>statement_timeout</c> for the run's statements, enforced by the server; null: none.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>PostgreSQL <c>lock_timeout</c> for the run's statements; null: none.</summary>
    public TimeSpan? LockTimeout { get; init; }

    /// <summary>Clock for the run lock wait.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The history's installed_by; null: the database user.</summary>
    public string? InstalledBy { get; init; }

    /// <summary>Flyway placeholders: values, prefix, suffix, and whether to replace.</summary>
    public PlaceholderSpec Placeholders { get; init; } = PlaceholderSpec.Default;
}
