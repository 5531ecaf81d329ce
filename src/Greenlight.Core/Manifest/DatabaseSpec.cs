namespace Greenlight.Core.Manifest;

/// <summary>
/// The app's database and its migrations. The connection string is either written out when it holds no
/// secret, or read at run time from the controller's environment variable <see cref="ConnectionFromEnv"/>,
/// so that a password never sits in the manifest, a log or the audit trail.
/// </summary>
/// <param name="Provider"><c>sqlite</c> or <c>postgresql</c>.</param>
/// <param name="Migrations">The folder of <c>V…__….sql</c> and <c>R__….sql</c> scripts, absolute.</param>
/// <param name="HistoryTable">Flyway's <c>flyway_schema_history</c> can be named here to take over its history.</param>
public sealed record DatabaseSpec(
    string Provider,
    string? Connection,
    string? ConnectionFromEnv,
    string Migrations,
    string HistoryTable,
    bool OutOfOrder)
{
    /// <summary>PostgreSQL's <c>statement_timeout</c> for every statement of a migration run, enforced by the server;
    /// null: none, as Flyway (a backfill may take hours).</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>PostgreSQL's <c>lock_timeout</c> for a migration run: how long a statement may wait for a lock; null: none.</summary>
    public TimeSpan? LockTimeout { get; init; }

    /// <summary>The history's <c>installed_by</c>; null: the database user, as Flyway.</summary>
    public string? InstalledBy { get; init; }

    /// <summary>Flyway's placeholders: <c>${name}</c> in a script is replaced by its value when it runs.</summary>
    public PlaceholderSpec Placeholders { get; init; } = PlaceholderSpec.Default;

    /// <summary>The lint switches: the opt-in lock_timeout rule and the type advice.</summary>
    public LintSpec Lint { get; init; } = LintSpec.Default;

    /// <summary>The connection string to use now; throws when the environment variable is not set.</summary>
    public string ResolveConnection() => Connection
        ?? Environment.GetEnvironmentVariable(ConnectionFromEnv!)
        ?? throw new InvalidOperationException($"database.connectionFromEnv names {ConnectionFromEnv}, which is not set in the controller's environment");
}
