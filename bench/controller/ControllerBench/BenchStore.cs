using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ControllerBench;

/// <summary>
/// The state store a run measures, chosen in this one place: how the controller is pointed at it, and the store's raw
/// commit rate with the same durability, the yardstick of the controller's transitions per second.
/// </summary>
internal abstract class BenchStore
{
    public abstract string Name { get; }

    /// <summary>Points the controller at this store.</summary>
    public abstract Greenlight.Engine.Control.ControllerOptions Configure(Greenlight.Engine.Control.ControllerOptions options);

    /// <summary>What the raw commit loop does, for the report.</summary>
    public abstract string RawDescription { get; }

    /// <summary>Single-row transactional inserts a second, one after the other on one connection, for <paramref name="duration"/>.</summary>
    public abstract double RawCommitsPerSecond(string workspace, TimeSpan duration);

    public static BenchStore Open(string name) => name switch
    {
        "sqlite" => new Sqlite(),
        "postgres" => throw new BenchRefusal(
            "--store postgres: the controller cannot run on PostgreSQL yet: its PostgreSQL state store is being written (branch h-pg, issue #14 part 1) "
            + "and is not on this branch. Run with --store sqlite."),
        _ => throw new BenchRefusal($"--store: found \"{name}\", expected sqlite or postgres"),
    };

    /// <summary>The embedded store: state.db in the controller's state directory, which the Engine opens itself.</summary>
    private sealed class Sqlite : BenchStore
    {
        public override string Name => "sqlite";

        public override Greenlight.Engine.Control.ControllerOptions Configure(Greenlight.Engine.Control.ControllerOptions options) => options;

        public override string RawDescription => "SQLite WAL, synchronous=NORMAL, busy_timeout=5000 (the state store's pragmas): BEGIN; INSERT one row; COMMIT";

        public override double RawCommitsPerSecond(string workspace, TimeSpan duration)
        {
            var path = Path.Combine(workspace, "raw-commits.db");
            using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
            db.Open();
            Execute(db, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
            // The shape of the store's events table: what most of its commits insert.
            Execute(db, "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, rollout_id TEXT NOT NULL, at TEXT NOT NULL, message TEXT NOT NULL, duration_ms REAL)");
            using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO events (rollout_id, at, message, duration_ms) VALUES ($rollout, $at, $message, NULL)";
            var rollout = insert.Parameters.Add("$rollout", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            insert.Parameters.AddWithValue("$message", "Stepping -> Switching: all 4 canary steps done");
            var commits = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                using var tx = db.BeginTransaction();
                insert.Transaction = tx;
                rollout.Value = $"rl-{commits % 1000:x8}";
                at.Value = DateTimeOffset.UtcNow.ToString("O");
                insert.ExecuteNonQuery();
                tx.Commit();
                commits++;
            }
            return commits / clock.Elapsed.TotalSeconds;
        }

        private static void Execute(SqliteConnection db, string sql)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>The run cannot be done as asked; the message says why and what to do.</summary>
internal sealed class BenchRefusal(string message) : Exception(message);
