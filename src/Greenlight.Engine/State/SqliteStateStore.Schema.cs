using Dapper;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.State;

/// <summary>The tables of state.db, created when missing. Columns and tables are only ever added, so an older file
/// keeps every row. (PostgreSQL's are versioned scripts instead: Postgres/Schema/.)</summary>
internal sealed partial class SqliteStateStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS rollouts (
            id TEXT PRIMARY KEY, app TEXT NOT NULL, phase TEXT NOT NULL, terminal INTEGER NOT NULL,
            created_at TEXT NOT NULL, state TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS rollouts_app ON rollouts (app, created_at);
        CREATE TABLE IF NOT EXISTS events (
            id INTEGER PRIMARY KEY AUTOINCREMENT, rollout_id TEXT NOT NULL, at TEXT NOT NULL,
            message TEXT NOT NULL, duration_ms REAL);
        CREATE INDEX IF NOT EXISTS events_rollout ON events (rollout_id, id);
        CREATE TABLE IF NOT EXISTS revisions (
            app TEXT NOT NULL, version TEXT NOT NULL, pid INTEGER NOT NULL, start_time INTEGER NOT NULL,
            port INTEGER NOT NULL, log_file TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL,
            launch_id TEXT, manifest_digest TEXT, instance INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (app, version, instance));
        CREATE TABLE IF NOT EXISTS pipeline_runs (
            id TEXT PRIMARY KEY, app TEXT NOT NULL, started_at TEXT NOT NULL, state TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS pipeline_runs_app ON pipeline_runs (app, started_at);
        CREATE TABLE IF NOT EXISTS releases (
            id TEXT PRIMARY KEY, app TEXT NOT NULL, terminal INTEGER NOT NULL, created_at TEXT NOT NULL, state TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS releases_app ON releases (app, created_at);
        CREATE TABLE IF NOT EXISTS manifests (
            digest TEXT PRIMARY KEY, app TEXT NOT NULL, file TEXT NOT NULL, text TEXT, git_commit TEXT,
            uncommitted INTEGER NOT NULL, stored_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS revision_secrets (
            app TEXT NOT NULL, version TEXT NOT NULL, name TEXT NOT NULL, reference TEXT NOT NULL, secret_version TEXT,
            PRIMARY KEY (app, version, name));
        """;

    private const string DriftSchema = """
        CREATE TABLE IF NOT EXISTS fingerprints (
            app TEXT NOT NULL, revision TEXT NOT NULL, taken_at TEXT NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (app, revision));
        CREATE TABLE IF NOT EXISTS routes_set (
            app TEXT PRIMARY KEY, digest TEXT NOT NULL, route TEXT NOT NULL, set_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS drift (
            app TEXT NOT NULL, key TEXT NOT NULL, since TEXT NOT NULL, finding TEXT NOT NULL, PRIMARY KEY (app, key));
        """;

    // A token row holds the SHA-256 of its value: the value itself is nowhere.
    private const string IdentitySchema = """
        CREATE TABLE IF NOT EXISTS principals (
            name TEXT PRIMARY KEY, kind TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT);
        CREATE TABLE IF NOT EXISTS role_grants (
            principal TEXT NOT NULL, role TEXT NOT NULL, app TEXT NOT NULL, environment TEXT NOT NULL, granted_at TEXT NOT NULL,
            PRIMARY KEY (principal, role, app, environment));
        CREATE TABLE IF NOT EXISTS api_tokens (
            id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, owner TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT,
            last_used_at TEXT, revoked_at TEXT);
        CREATE INDEX IF NOT EXISTS api_tokens_owner ON api_tokens (owner, created_at);
        """;

    private const string NotificationsSchema = """
        CREATE TABLE IF NOT EXISTS notices (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, app TEXT NOT NULL, manifest_digest TEXT,
            notice TEXT NOT NULL, routed INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS notices_app ON notices (app, routed, seq);
        CREATE TABLE IF NOT EXISTS notice_deliveries (
            notice_id TEXT NOT NULL, channel TEXT NOT NULL, definition TEXT NOT NULL, status TEXT NOT NULL,
            attempts INTEGER NOT NULL, next_at TEXT NOT NULL, problem TEXT, PRIMARY KEY (notice_id, channel));
        CREATE INDEX IF NOT EXISTS notice_deliveries_status ON notice_deliveries (status);
        """;

    // Append-only: nothing here updates or deletes a row. The entry column is the line whose hash the next entry chains.
    private const string AuditSchema = """
        CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, entry TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
        CREATE TABLE IF NOT EXISTS audit_checkpoints (seq INTEGER PRIMARY KEY, checkpoint TEXT NOT NULL);
        """;

    /// <summary>Brings a state.db of an earlier release up to <see cref="Schema"/>: columns are only ever added, so an
    /// older file keeps every row. In one immediate transaction, since another process may open the file at once.</summary>
    private static void Migrate(SqliteConnection db)
    {
        using var tx = db.BeginTransaction(deferred: false);
        foreach (var column in new[] { "launch_id", "manifest_digest" })
        {
            if (db.ExecuteScalar<long>("SELECT COUNT(*) FROM pragma_table_info('revisions') WHERE name = @column", new { column }, tx) == 0)
                db.Execute($"ALTER TABLE revisions ADD COLUMN {column} TEXT", transaction: tx);
        }
        // Instances came with a key of their own: SQLite changes a primary key only by copying the table.
        if (db.ExecuteScalar<long>("SELECT COUNT(*) FROM pragma_table_info('revisions') WHERE name = 'instance'", transaction: tx) == 0)
            db.Execute("""
                ALTER TABLE revisions RENAME TO revisions_before_instances;
                CREATE TABLE revisions (
                    app TEXT NOT NULL, version TEXT NOT NULL, pid INTEGER NOT NULL, start_time INTEGER NOT NULL,
                    port INTEGER NOT NULL, log_file TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL,
                    launch_id TEXT, manifest_digest TEXT, instance INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (app, version, instance));
                INSERT INTO revisions (app, version, pid, start_time, port, log_file, status, started_at, launch_id, manifest_digest)
                    SELECT app, version, pid, start_time, port, log_file, status, started_at, launch_id, manifest_digest FROM revisions_before_instances;
                DROP TABLE revisions_before_instances;
                """, transaction: tx);
        tx.Commit();
    }
}
