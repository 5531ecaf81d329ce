using System.Data.Common;
using Dapper;
using Greenlight.Core.Secrets;
using Npgsql;

namespace Greenlight.Engine.State.Postgres;

/// <summary>
/// The state of controllers that share a PostgreSQL database: the statements of <see cref="SqlStateStore"/>, each
/// write in a transaction of <see cref="PostgresStateDatabase.TransactAsync"/> (fenced once a lease was taken). No
/// writer queue as on SQLite: PostgreSQL runs writers side by side, and the few orderings that matter are locks.
/// </summary>
internal sealed partial class PostgresStateStore(PostgresStateDatabase database, TimeProvider time, SecretValues? secrets = null)
    : SqlStateStore(time, secrets), IControllerLease
{
    /// <summary>Held until commit by a transaction that inserts events: ids are drawn in order, and without it a
    /// reader following a rollout's events by id could see id 8 commit before id 7 and never read 7. "glevent".</summary>
    private const long AppendLock = 0x676c6576656e74;

    public override string Name => "postgres";

    protected override string RunningPipelineRun => "state::jsonb ->> 'Status' = 'Running'";

    protected override async Task<DbConnection> OpenAsync() => await database.OpenConnectionAsync();

    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> write) => database.TransactAsync<T>((db, tx) => write(db, tx));

    protected override Task LockAppendsAsync(DbConnection db, DbTransaction tx) =>
        db.ExecuteAsync($"SELECT pg_advisory_xact_lock({AppendLock})", transaction: tx);

    public Task<LeaseGrant?> TryAcquireAsync(string holder, Uri address, TimeSpan ttl, CancellationToken cancellationToken) =>
        database.TryAcquireAsync(holder, address, ttl, cancellationToken);

    public Task<bool> RenewAsync(LeaseGrant grant, TimeSpan ttl, CancellationToken cancellationToken) => database.RenewAsync(grant, ttl, cancellationToken);

    public Task<LeaseHolder?> GetHolderAsync(CancellationToken cancellationToken) => database.GetHolderAsync(cancellationToken);

    public Task ReleaseAsync(LeaseGrant grant, CancellationToken cancellationToken) => database.ReleaseAsync(grant, cancellationToken);
}
