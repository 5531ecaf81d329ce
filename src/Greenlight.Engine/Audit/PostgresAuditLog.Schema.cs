using Npgsql;

namespace Greenlight.Engine.Audit;

public sealed partial class PostgresAuditLog
{
    /// <summary>
    /// The advisory lock every append takes (<c>pg_advisory_xact_lock</c>), and the schema's creation too. An advisory
    /// lock rather than <c>SELECT … FOR UPDATE</c> on a head row: the tables stay strictly insert-only (a head row
    /// would be updated at every append, a dead tuple each, and would first have to exist), readers never wait on it,
    /// and PostgreSQL releases it at commit, rollback or a dropped connection. Database-wide: "glaudit" in ASCII.
    /// </summary>
    private const long AppendLock = 0x676c6175646974;

    /// <summary>
    /// The audit tables on PostgreSQL (14 or later, for CREATE OR REPLACE TRIGGER), the one place they are defined.
    /// Append-only: Greenlight only inserts, and triggers refuse UPDATE, DELETE and TRUNCATE from anyone else. A
    /// superuser can get past them (session_replication_role); the chain and the checkpoints then show it.
    /// </summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_log (seq bigint PRIMARY KEY, at timestamptz NOT NULL, entry text NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
        CREATE TABLE IF NOT EXISTS audit_checkpoints (seq bigint PRIMARY KEY, checkpoint text NOT NULL);
        CREATE OR REPLACE FUNCTION greenlight_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
        END $$;
        CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION greenlight_audit_append_only();
        CREATE OR REPLACE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoints
            FOR EACH STATEMENT EXECUTE FUNCTION greenlight_audit_append_only();
        """;

    /// <summary>Under the append lock: two controllers starting at once would otherwise race on the same CREATE.</summary>
    private static async Task CreateSchemaAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        await using var db = await source.OpenConnectionAsync(ct);
        await using var tx = await db.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLock}); {Schema}", db, tx))
            await command.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}
