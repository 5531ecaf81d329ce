using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.State;

/// <summary>The embedded store: one SQLite file (WAL), e.g. <c>.greenlight/state.db</c>.</summary>
internal sealed partial class SqliteStateStore : IStateStore
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SecretValues _secrets;
    private readonly SemaphoreSlim _writer;
    private readonly string _path;

    /// <param name="secrets">Masked in every message and reason written: an error may quote a connection string.</param>
    public SqliteStateStore(string path, TimeProvider time, SecretValues? secrets = null)
    {
        _secrets = secrets ?? new SecretValues();
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // SQLite creates its -wal and -shm files with the database's mode: an owner-only database keeps them so too.
        OwnerOnly.Touch(path);
        OwnerOnly.Tighten(path + "-wal");
        OwnerOnly.Tighten(path + "-shm");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _writer = WriterOf(path);
        _path = path;
        _time = time;
        using var db = Open();
        db.Execute(Schema + DriftSchema + IdentitySchema + NotificationsSchema + AuditSchema);
        Migrate(db);
    }

    public string Name => "sqlite";

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

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(_connectionString);
        db.Open();
        // NORMAL, in WAL mode, syncs at checkpoints rather than at every commit (a tenth of the time a write holds the
        // file): a commit survives the controller's crash, and the file stays sound after a power cut, which may take
        // the last commits back. What they recorded is found again on restart: revisions by their launch ids, routes
        // from the edges, releases resumed from their last stored phase.
        db.Execute("PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
        return db;
    }

    public Task SaveRolloutAsync(Rollout rollout, IReadOnlyList<string> log, CancellationToken cancellationToken)
    {
        rollout = rollout with { Reason = _secrets.Apply(rollout.Reason), LastVerdict = rollout.LastVerdict?.MapText(t => _secrets.Apply(t)!) };
        // Serialized before the write queues: the file's writer runs one write at a time.
        var row = new { rollout.Id, rollout.App, Phase = rollout.Phase.ToString(), Terminal = rollout.IsTerminal, CreatedAt = rollout.CreatedAt.ToString("O"), State = JsonSerializer.Serialize(rollout, Json) };
        return WriteAsync((db, tx) =>
        {
            db.Execute("""
            INSERT INTO rollouts (id, app, phase, terminal, created_at, state) VALUES (@Id, @App, @Phase, @Terminal, @CreatedAt, @State)
            ON CONFLICT (id) DO UPDATE SET phase = excluded.phase, terminal = excluded.terminal, state = excluded.state
            """,
            row, tx);
            // Stamped now, not with the phase's entry time: a line that repeats (a retry) says when it happened.
            var at = _time.GetUtcNow();
            foreach (var message in log)
                InsertEvent(db, tx, rollout.Id, at, message, null);
        });
    }

    public Task<long> AppendEventAsync(string rolloutId, string message, double? durationMs, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => InsertEvent(db, tx, rolloutId, _time.GetUtcNow(), message, durationMs));

    private long InsertEvent(SqliteConnection db, SqliteTransaction tx, string rolloutId, DateTimeOffset at, string message, double? durationMs) =>
        db.ExecuteScalar<long>("INSERT INTO events (rollout_id, at, message, duration_ms) VALUES (@rolloutId, @at, @message, @durationMs) RETURNING id",
            new { rolloutId, at = at.ToString("O"), message = _secrets.Apply(message), durationMs }, tx);

    public Task<Rollout?> GetRolloutAsync(string id, CancellationToken cancellationToken)
    {
        using var db = Open();
        var json = db.QuerySingleOrDefault<string>("SELECT state FROM rollouts WHERE id = @id", new { id });
        return Task.FromResult(json is null ? null : JsonSerializer.Deserialize<Rollout>(json, Json));
    }

    public Task<IReadOnlyList<Rollout>> ListRolloutsAsync(string app, int limit, CancellationToken cancellationToken) =>
        QueryRollouts("SELECT state FROM rollouts WHERE app = @app ORDER BY created_at DESC, rowid DESC LIMIT @limit", new { app, limit });

    public Task<IReadOnlyList<Rollout>> ListUnfinishedAsync(string app, CancellationToken cancellationToken) =>
        QueryRollouts("SELECT state FROM rollouts WHERE app = @app AND terminal = 0 ORDER BY created_at, rowid", new { app });

    private Task<IReadOnlyList<Rollout>> QueryRollouts(string sql, object args)
    {
        using var db = Open();
        IReadOnlyList<Rollout> list = db.Query<string>(sql, args).Select(j => JsonSerializer.Deserialize<Rollout>(j, Json)!).ToList();
        return Task.FromResult(list);
    }

    public Task<IReadOnlyList<RolloutEvent>> GetEventsAsync(string rolloutId, long afterId, CancellationToken cancellationToken)
    {
        using var db = Open();
        IReadOnlyList<RolloutEvent> list = db.Query<(long Id, string RolloutId, string At, string Message, double? DurationMs)>(
                "SELECT id, rollout_id, at, message, duration_ms FROM events WHERE rollout_id = @rolloutId AND id > @afterId ORDER BY id",
                new { rolloutId, afterId })
            .Select(e => new RolloutEvent(e.Id, e.RolloutId, DateTimeOffset.Parse(e.At), e.Message, e.DurationMs))
            .ToList();
        return Task.FromResult(list);
    }

    public Task SaveRevisionAsync(RevisionRecord r, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.Execute("""
            INSERT OR REPLACE INTO revisions (app, version, instance, pid, start_time, port, log_file, status, started_at, launch_id, manifest_digest)
            VALUES (@App, @Version, @Instance, @Pid, @StartTime, @Port, @LogFile, @Status, @StartedAt, @LaunchId, @ManifestDigest)
            """,
            new { r.App, r.Version, r.Instance, r.Pid, r.StartTime, r.Port, r.LogFile, Status = r.Status.ToString(), StartedAt = r.StartedAt.ToString("O"), r.LaunchId, r.ManifestDigest }, tx));

    public Task<bool> SetRevisionStatusAsync(RevisionRecord seen, RevisionStatus status, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.Execute(
            "UPDATE revisions SET status = @to WHERE app = @App AND version = @Version AND instance = @Instance AND pid = @Pid AND start_time = @StartTime AND status = @from",
            new { seen.App, seen.Version, seen.Instance, seen.Pid, seen.StartTime, from = seen.Status.ToString(), to = status.ToString() }, tx) == 1);

    public Task<RevisionRecord?> GetRevisionAsync(string app, string version, CancellationToken cancellationToken) =>
        Task.FromResult(QueryRevisions("WHERE app = @app AND version = @version AND instance = 0", new { app, version }).SingleOrDefault());

    public Task<IReadOnlyList<RevisionRecord>> ListInstancesAsync(string app, string version, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RevisionRecord>>(QueryRevisions("WHERE app = @app AND version = @version ORDER BY instance", new { app, version }));

    public Task<IReadOnlyList<RevisionRecord>> ListRevisionsAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RevisionRecord>>(QueryRevisions("WHERE app = @app ORDER BY started_at, instance", new { app }));

    public Task<IReadOnlyList<string>> ListAppsAsync(CancellationToken cancellationToken)
    {
        using var db = Open();
        return Task.FromResult<IReadOnlyList<string>>(db.Query<string>("SELECT DISTINCT app FROM revisions ORDER BY app").ToList());
    }

    private List<RevisionRecord> QueryRevisions(string where, object args)
    {
        using var db = Open();
        return db.Query<(string App, string Version, long Pid, long StartTime, long Port, string LogFile, string Status, string StartedAt, string? LaunchId, string? ManifestDigest, long Instance)>(
                "SELECT app, version, pid, start_time, port, log_file, status, started_at, launch_id, manifest_digest, instance FROM revisions " + where, args)
            .Select(r => new RevisionRecord(r.App, r.Version, (int)r.Pid, r.StartTime, (int)r.Port, r.LogFile,
                Enum.Parse<RevisionStatus>(r.Status), DateTimeOffset.Parse(r.StartedAt), r.LaunchId, r.ManifestDigest, (int)r.Instance))
            .ToList();
    }

    // Content-addressed: the same digest is the same manifest, stored once.
    public Task SaveManifestAsync(string app, ManifestSnapshot snapshot, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.Execute("""
            INSERT INTO manifests (digest, app, file, text, git_commit, uncommitted, stored_at)
            VALUES (@Digest, @app, @File, @Text, @Commit, @Uncommitted, @at) ON CONFLICT (digest) DO NOTHING
            """,
            new { snapshot.Digest, app, snapshot.File, snapshot.Text, snapshot.Commit, snapshot.Uncommitted, at = _time.GetUtcNow().ToString("O") }, tx));

    public Task<ManifestSnapshot?> GetManifestAsync(string digest, CancellationToken cancellationToken)
    {
        using var db = Open();
        var r = db.QuerySingleOrDefault<(string Digest, string File, string? Text, string? Commit, long Uncommitted)>(
            "SELECT digest, file, text, git_commit, uncommitted FROM manifests WHERE digest = @digest", new { digest });
        return Task.FromResult(r.Digest is null ? null : new ManifestSnapshot(r.Digest, r.File, r.Text, r.Commit, r.Uncommitted != 0));
    }

    public Task SavePipelineRunAsync(PipelineRun run, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.Execute("""
            INSERT INTO pipeline_runs (id, app, started_at, state) VALUES (@Id, @App, @StartedAt, @State)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state
            """,
            new { run.Id, run.App, StartedAt = run.StartedAt.ToString("O"), State = JsonSerializer.Serialize(run, Json) }, tx));

    public Task<PipelineRun?> GetPipelineRunAsync(string id, CancellationToken cancellationToken)
    {
        using var db = Open();
        var json = db.QuerySingleOrDefault<string>("SELECT state FROM pipeline_runs WHERE id = @id", new { id });
        return Task.FromResult(json is null ? null : JsonSerializer.Deserialize<PipelineRun>(json, Json));
    }

    public Task<IReadOnlyList<PipelineRun>> ListPipelineRunsAsync(string app, int limit, CancellationToken cancellationToken)
    {
        using var db = Open();
        IReadOnlyList<PipelineRun> list = db.Query<string>("SELECT state FROM pipeline_runs WHERE app = @app ORDER BY started_at DESC, rowid DESC LIMIT @limit", new { app, limit })
            .Select(j => JsonSerializer.Deserialize<PipelineRun>(j, Json)!).ToList();
        return Task.FromResult(list);
    }

    public Task<IReadOnlyList<PipelineRun>> ListUnfinishedPipelineRunsAsync(CancellationToken cancellationToken)
    {
        using var db = Open();
        IReadOnlyList<PipelineRun> list = db.Query<string>("SELECT state FROM pipeline_runs WHERE json_extract(state, '$.Status') = 'Running'")
            .Select(j => JsonSerializer.Deserialize<PipelineRun>(j, Json)!).ToList();
        return Task.FromResult(list);
    }
}
