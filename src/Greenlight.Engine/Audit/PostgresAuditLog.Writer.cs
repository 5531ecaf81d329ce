using Greenlight.Core.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Greenlight.Engine.Audit;

public sealed partial class PostgresAuditLog
{
    /// <summary>The connection that appends, with its statements prepared once.</summary>
    private sealed class Writer : IAsyncDisposable
    {
        private readonly NpgsqlConnection _db;
        private readonly NpgsqlBatch _lockAndLast;
        private readonly NpgsqlCommand _entry, _checkpoint, _insert, _insertCheckpoint;

        private Writer(NpgsqlConnection db)
        {
            _db = db;
            // One round trip; the second statement's snapshot is taken once the lock is held, so it sees every commit before.
            _lockAndLast = new NpgsqlBatch(db)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({AppendLock})"),
                    new NpgsqlBatchCommand("SELECT max(seq) FROM audit_log"),
                },
            };
            _entry = Command("SELECT entry FROM audit_log WHERE seq = $1", NpgsqlDbType.Bigint);
            _checkpoint = Command("SELECT checkpoint FROM audit_checkpoints ORDER BY seq DESC LIMIT 1");
            _insert = Command("INSERT INTO audit_log (seq, at, entry) VALUES ($1, $2, $3)", NpgsqlDbType.Bigint, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text);
            _insertCheckpoint = Command("INSERT INTO audit_checkpoints (seq, checkpoint) VALUES ($1, $2)", NpgsqlDbType.Bigint, NpgsqlDbType.Text);
        }

        public static async Task<Writer> OpenAsync(NpgsqlDataSource source, CancellationToken ct)
        {
            var db = await source.OpenConnectionAsync(ct);
            try
            {
                var writer = new Writer(db);
                await writer._lockAndLast.PrepareAsync(ct);
                foreach (var command in (NpgsqlCommand[])[writer._entry, writer._checkpoint, writer._insert, writer._insertCheckpoint])
                    await command.PrepareAsync(ct);
                return writer;
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        /// <summary>A transaction whose first statement takes the append lock (Npgsql sends BEGIN with it).</summary>
        public async Task<Transaction> BeginAsync(CancellationToken ct) => new(this, await _db.BeginTransactionAsync(ct));

        private NpgsqlCommand Command(string sql, params NpgsqlDbType[] types)
        {
            var command = new NpgsqlCommand(sql, _db);
            foreach (var type in types)
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
            return command;
        }

        public ValueTask DisposeAsync() => _db.DisposeAsync();

        public sealed class Transaction(Writer writer, NpgsqlTransaction tx) : IAuditTransaction, IAsyncDisposable
        {
            public async ValueTask<long> LastSeqAsync(CancellationToken ct)
            {
                await using var reader = await writer._lockAndLast.ExecuteReaderAsync(ct);
                await reader.NextResultAsync(ct);
                await reader.ReadAsync(ct);
                return reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
            }

            public async ValueTask<string> EntryAsync(long seq, CancellationToken ct) => (string)(await Run(writer._entry, ct, seq))!;

            public async ValueTask<string?> LastCheckpointAsync(CancellationToken ct) => await Run(writer._checkpoint, ct) as string;

            public async ValueTask InsertEntryAsync(AuditEntry entry, string line, CancellationToken ct) =>
                await Run(writer._insert, ct, entry.Seq, entry.Time.UtcDateTime, line);

            public async ValueTask InsertCheckpointAsync(Checkpoint checkpoint, CancellationToken ct) =>
                await Run(writer._insertCheckpoint, ct, checkpoint.Seq, checkpoint.ToJson());

            public ValueTask CommitAsync(CancellationToken ct) => new(tx.CommitAsync(ct));

            public ValueTask DisposeAsync() => tx.DisposeAsync();

            private static Task<object?> Run(NpgsqlCommand command, CancellationToken ct, params object[] values)
            {
                for (var i = 0; i < values.Length; i++)
                    command.Parameters[i].Value = values[i];
                return command.ExecuteScalarAsync(ct);
            }
        }
    }
}
