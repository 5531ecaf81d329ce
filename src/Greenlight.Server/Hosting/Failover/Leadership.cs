using Greenlight.Engine.State;
using Microsoft.Extensions.Logging;

namespace Greenlight.Server.Hosting.Failover;

/// <summary>
/// One controller's hold on the lease of a failover group. Besides the store's fencing (which refuses writes under a
/// lost token), <see cref="Holds"/> answers locally, without a round trip, whether this controller may still act: a
/// renewal counts only from the moment it was sent, so a process frozen past its lease sees at once, on waking, that it
/// must not touch a revision or a route.
/// </summary>
public sealed partial class Leadership(IControllerLease lease, string holder, Func<Uri> address, TimeSpan ttl, TimeProvider time, ILogger logger)
{
    /// <summary>Of the lease's time to live: lost renewals are retried this often, so one slow call does not cost the lease.</summary>
    private const int RenewalsPerTtl = 3;

    private long _validUntil = long.MinValue;

    public string Holder => holder;

    public TimeSpan Ttl => ttl;

    /// <summary>True while the last grant or renewal, counted from when it was asked for, has not run out.</summary>
    public bool Holds => time.GetTimestamp() < Interlocked.Read(ref _validUntil);

    /// <summary>Waits until this controller takes the lease (when its holder lets it expire or gives it up).</summary>
    public async Task<LeaseGrant> AcquireAsync(CancellationToken ct)
    {
        string? lastSeen = null;
        while (true)
        {
            var asked = time.GetTimestamp();
            try
            {
                if (await lease.TryAcquireAsync(holder, address(), ttl, ct) is { } grant)
                {
                    Extend(asked);
                    LogAcquired(grant.Token);
                    return grant;
                }
                var leader = await lease.GetHolderAsync(ct);
                if (leader?.Holder != lastSeen)
                    LogFollowing(lastSeen = leader?.Holder, leader?.Address);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogStoreProblem(e.Message);
            }
            await Task.Delay(ttl / RenewalsPerTtl, time, ct);
        }
    }

    /// <summary>Renews the lease until it is lost (another took it, or no renewal got through before it ran out), then
    /// returns; or until <paramref name="ct"/> ends, then gives the lease up so a follower takes over at once.</summary>
    public async Task HoldAsync(LeaseGrant grant, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ttl / RenewalsPerTtl, time, ct);
                var asked = time.GetTimestamp();
                try
                {
                    // A renewal that hangs must not outlast the lease: the next one is tried instead.
                    using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    patience.CancelAfter(ttl / RenewalsPerTtl);
                    if (!Holds || !await lease.RenewAsync(grant, ttl, patience.Token))
                        break;
                    Extend(asked);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogStoreProblem(e.Message);
                }
            }
            Interlocked.Exchange(ref _validUntil, long.MinValue);
            LogLost(grant.Token);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Interlocked.Exchange(ref _validUntil, long.MinValue);
            try
            {
                using var timeout = new CancellationTokenSource(ttl);
                await lease.ReleaseAsync(grant, timeout.Token);
            }
            catch (Exception e)
            {
                LogStoreProblem(e.Message);
            }
        }
    }

    /// <summary>A lease asked for at <paramref name="asked"/> lasts at most its time to live from then; a little is kept
    /// back for the drift between this host's clock rate and the store's.</summary>
    private void Extend(long asked) =>
        Interlocked.Exchange(ref _validUntil, asked + (long)(ttl.TotalSeconds * 0.9 * time.TimestampFrequency));

    /// <summary>Refuses an effect once the lease is gone: the state store refuses the writes, this the acts.</summary>
    public void EnsureHolds(string act)
    {
        if (!Holds)
            throw new StateFencedException($"{act} not done: this controller ({holder}) no longer holds the leadership lease");
    }
}
