using System.Data.Common;
using Dapper;
using Greenlight.Core.Secrets;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.State;

/// <summary>The embedded store: one SQLite file (WAL), e.g. <c>.greenlight/state.db</c>. One controller per state
/// directory (its lock file), so it takes no lease: <see cref="IControllerLease"/> is PostgreSQL's.</summary>
internal sealed partial class SqliteStateStore : SqlStateStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer;
    private readonly string _path;

    /// <param name="secrets">Masked in every message and reason written: an error may quote a connection string.</param>
    public SqliteStateStore(string path, TimeProvider time, SecretValues? secrets = null) : base(time, secrets)
    {
        OwnerOnly.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // SQLite creates its -wal and -shm files with the database's mode: an owner-only database keeps them so too.
        OwnerOnly.Touch(path);
        OwnerOnly.Tighten(path + "-wal");
        OwnerOnly.Tighten(path + "-shm");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _writer = WriterOf(path);
        _path = path;
        using var db = Open();
        db.Execute(Schema + DriftSchema + IdentitySchema + NotificationsSchema + AuditSchema);
        Migrate(db);
    }

    public override string Name => "sqlite";

    protected override string RunningPipelineRun => "json_extract(state, '$.Status') = 'Running'";

    protected override Task<DbConnection> OpenAsync() => Task.FromResult<DbConnection>(Open());

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
}
