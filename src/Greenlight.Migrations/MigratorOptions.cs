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

    /// <summary>How long to wait for another run's lock (SQLite counts it in whole seconds).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Clock for installed_on and for the PostgreSQL lock wait.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string InstalledBy { get; init; } = Environment.UserName;
}
