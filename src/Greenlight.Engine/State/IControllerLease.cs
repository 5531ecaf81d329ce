namespace Greenlight.Engine.State;

/// <summary>
/// Leadership among controllers that share one store: at most one holds the lease at a time, and the token it got
/// fences the store, so a leader that was paused past its lease (SIGSTOP, a long GC, a frozen VM) and wakes up changes
/// nothing. Times are the store's own clock, never a host's, so that skew between hosts cannot make two leaders.
/// </summary>
public interface IControllerLease
{
    /// <summary>Takes the lease when nobody holds it or the holder let it expire; null while another holds it.
    /// From then on every write of this store carries the new token, and fails with
    /// <see cref="StateFencedException"/> once the lease is lost or expired.</summary>
    Task<LeaseGrant?> TryAcquireAsync(string holder, Uri address, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Extends a lease still held; false when it expired or another took it (the grant is then worthless).</summary>
    Task<bool> RenewAsync(LeaseGrant grant, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Who holds the lease now; null when nobody does or it expired.</summary>
    Task<LeaseHolder?> GetHolderAsync(CancellationToken cancellationToken);

    /// <summary>Gives the lease up at once (a clean stop), so a follower need not wait for it to expire.</summary>
    Task ReleaseAsync(LeaseGrant grant, CancellationToken cancellationToken);
}

/// <param name="Token">Grows with each new grant: the fencing token.</param>
public sealed record LeaseGrant(string Holder, long Token, DateTimeOffset ExpiresAt);

/// <param name="Address">The holder's API, where followers forward writes.</param>
public sealed record LeaseHolder(string Holder, Uri Address, long Token, DateTimeOffset ExpiresAt);

/// <summary>A write refused because this controller no longer holds the lease it wrote under.</summary>
public sealed class StateFencedException(string message) : Exception(message);
