using Dapper;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Npgsql;

namespace Greenlight.Engine.State.Postgres;

internal sealed partial class PostgresStateDatabase
{
    /// <summary>Every audit append of every controller on the database takes it first, so the chain never forks. "glaudit".</summary>
    private const long AuditLock = 0x676c6175646974;

    private readonly AuditChain _chain = new(CheckpointPolicy.Default);
    private readonly SemaphoreSlim _audit = new(1, 1);

    /// <summary>An append of the chain this controller remembers, one at a time, in a fenced transaction that holds
    /// the database's audit lock: the chain reads the head after taking it, and commits itself.</summary>
    public async Task<bool> AuditAsync(Func<AuditChain, IAuditTransaction, Task<bool>> write)
    {
        await _audit.WaitAsync();
        try
        {
            return await TransactAsync(async (db, tx) =>
            {
                await db.ExecuteAsync($"SELECT pg_advisory_xact_lock({AuditLock})", transaction: tx);
                return await write(_chain, new AuditTransaction(db, tx));
            }, commits: true);
        }
        finally
        {
            _audit.Release();
        }
    }

    private sealed class AuditTransaction(NpgsqlConnection db, NpgsqlTransaction tx) : IAuditTransaction
    {
        public async ValueTask<long> LastSeqAsync(CancellationToken ct) => await ScalarAsync(AuditStatements.LastSeq, ct) is long seq ? seq : 0;

        public async ValueTask<string> EntryAsync(long seq, CancellationToken ct) => (string)(await ScalarAsync(AuditStatements.Entry, ct, seq))!;

        public async ValueTask<string?> LastCheckpointAsync(CancellationToken ct) => await ScalarAsync(AuditStatements.LastCheckpoint, ct) as string;

        public async ValueTask InsertEntryAsync(AuditEntry entry, string line, CancellationToken ct) =>
            await ScalarAsync(AuditStatements.InsertEntry, ct, entry.Seq, AuditEntry.FormatTime(entry.Time), line);

        public async ValueTask InsertCheckpointAsync(Checkpoint checkpoint, CancellationToken ct) =>
            await ScalarAsync(AuditStatements.InsertCheckpoint, ct, checkpoint.Seq, checkpoint.ToJson());

        public ValueTask CommitAsync(CancellationToken ct) => new(tx.CommitAsync(ct));

        private async Task<object?> ScalarAsync(string sql, CancellationToken ct, params object[] values)
        {
            await using var command = new NpgsqlCommand(sql, db, tx);
            foreach (var value in values)
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            return await command.ExecuteScalarAsync(ct);
        }
    }
}
