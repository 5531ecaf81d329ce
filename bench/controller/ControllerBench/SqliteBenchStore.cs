using Greenlight.Engine.Control;
using Microsoft.Data.Sqlite;

namespace ControllerBench;

/// <summary>The embedded store: state.db in the controller's state directory, which the Engine opens itself.</summary>
internal sealed class SqliteBenchStore : BenchStore
{
    public override string Name => "sqlite";

    public override string RawDescription => "SQLite WAL, synchronous=NORMAL, busy_timeout=5000 (the state store's pragmas): BEGIN; INSERT one row; COMMIT";

    public override Task<ControllerOptions> ConfigureAsync(ControllerOptions options, CancellationToken ct) => Task.FromResult(options);

    public override double RawCommitsPerSecond(string workspace, TimeSpan duration)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(workspace, "raw-commits.db"), Pooling = true }.ToString());
        db.Open();
        Execute(db, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
        Execute(db, "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, rollout_id TEXT NOT NULL, at TEXT NOT NULL, message TEXT NOT NULL, duration_ms REAL)");
        using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO events (rollout_id, at, message, duration_ms) VALUES ($rollout, $at, $message, NULL)";
        var rollout = insert.Parameters.Add("$rollout", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        insert.Parameters.AddWithValue("$message", Message);
        return Loop(duration, n =>
        {
            using var tx = db.BeginTransaction();
            insert.Transaction = tx;
            rollout.Value = $"rl-{n % 1000:x8}";
            at.Value = DateTimeOffset.UtcNow.ToString("O");
            insert.ExecuteNonQuery();
            tx.Commit();
        });
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
