using Dapper;
using Npgsql;

namespace Greenlight.Engine.State.Postgres;

/// <summary>The lease row of <c>controller_lease</c>, every time the database's own (<c>clock_timestamp()</c>).</summary>
internal sealed partial class PostgresStateDatabase : IControllerLease
{
    /// <summary>How long taking the lease waits for the row, locked by a write of the holder, before saying it is held.</summary>
    private const string AcquireLockTimeout = "2s";

    public async Task<LeaseGrant?> TryAcquireAsync(string holder, Uri address, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var db = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await db.BeginTransactionAsync(cancellationToken);
        await db.ExecuteAsync($"SET LOCAL lock_timeout = '{AcquireLockTimeout}'", transaction: tx);
        try
        {
            // The row is never deleted: a new grant, after expiry or release, is the last token plus one.
            var granted = (await db.QueryAsync<(long Token, DateTime ExpiresAt)>(new CommandDefinition("""
                INSERT INTO controller_lease AS l (id, holder, address, token, expires_at)
                VALUES (1, @holder, @address, 1, clock_timestamp() + @ttl)
                ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, address = excluded.address, token = l.token + 1, expires_at = excluded.expires_at
                WHERE l.expires_at <= clock_timestamp()
                RETURNING token, expires_at
                """, new { holder, address = address.ToString(), ttl }, tx, cancellationToken: cancellationToken))).ToList();
            await tx.CommitAsync(cancellationToken);
            if (granted is not [var g])
                return null;
            Interlocked.Exchange(ref _token, g.Token);
            return new LeaseGrant(holder, g.Token, new DateTimeOffset(g.ExpiresAt, TimeSpan.Zero));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return null; // the holder is writing under it: held
        }
    }

    public async Task<bool> RenewAsync(LeaseGrant grant, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var db = await _source.OpenConnectionAsync(cancellationToken);
        return await db.ExecuteAsync(new CommandDefinition(
            "UPDATE controller_lease SET expires_at = clock_timestamp() + @ttl WHERE id = 1 AND token = @Token AND expires_at > clock_timestamp()",
            new { ttl, grant.Token }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<LeaseHolder?> GetHolderAsync(CancellationToken cancellationToken)
    {
        await using var db = await _source.OpenConnectionAsync(cancellationToken);
        var rows = (await db.QueryAsync<(string Holder, string Address, long Token, DateTime ExpiresAt)>(new CommandDefinition(
            "SELECT holder, address, token, expires_at FROM controller_lease WHERE id = 1 AND expires_at > clock_timestamp()", cancellationToken: cancellationToken))).ToList();
        return rows is [var r] ? new LeaseHolder(r.Holder, new Uri(r.Address), r.Token, new DateTimeOffset(r.ExpiresAt, TimeSpan.Zero)) : null;
    }

    /// <summary>Expires the lease now, if it is still this grant's: a follower takes it at once, and the writes of
    /// this controller are fenced from here on.</summary>
    public async Task ReleaseAsync(LeaseGrant grant, CancellationToken cancellationToken)
    {
        await using var db = await _source.OpenConnectionAsync(cancellationToken);
        await db.ExecuteAsync(new CommandDefinition(
            "UPDATE controller_lease SET expires_at = clock_timestamp() WHERE id = 1 AND token = @Token AND expires_at > clock_timestamp()",
            new { grant.Token }, cancellationToken: cancellationToken));
    }
}
