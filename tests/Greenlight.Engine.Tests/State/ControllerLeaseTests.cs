using Greenlight.Core.Audit;
using Greenlight.Engine.State;
using Greenlight.Engine.State.Postgres;
using Greenlight.Engine.Tests.Audit;

namespace Greenlight.Engine.Tests.State;

/// <summary>Two controllers (two <see cref="PostgresStateDatabase"/>s) on one real PostgreSQL database, sharing its lease.</summary>
public sealed class ControllerLeaseTests(PostgresClusterFixture cluster) : IClassFixture<PostgresClusterFixture>, IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly Uri AddressA = new("http://10.0.0.1:7000/"), AddressB = new("http://10.0.0.2:7000/");
    private readonly string _directory = Directory.CreateTempSubdirectory("greenlight-lease-").FullName;
    private PostgresStateDatabase _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        var database = await PostgresStateStoreTests.NewDatabaseAsync(cluster);
        _a = await PostgresStateDatabase.OpenAsync(database, _directory, Ct);
        _b = await PostgresStateDatabase.OpenAsync(database, _directory, Ct);
    }

    private static PostgresStateStore Store(PostgresStateDatabase database) => new(database, TimeProvider.System);

    private static RevisionRecord Revision(int pid) => new("shop", "1.0", pid, 0, 8080, "/tmp/shop.log", RevisionStatus.Running, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task TryAcquire_WhileAnotherHoldsIt_IsRefused_AndTheHolderIsNamedWithItsAddress()
    {
        var grant = await Store(_a).TryAcquireAsync("a", AddressA, Long, Ct);

        Assert.NotNull(grant);
        Assert.Null(await Store(_b).TryAcquireAsync("b", AddressB, Long, Ct));
        var holder = await Store(_b).GetHolderAsync(Ct);
        Assert.Equal(("a", AddressA, grant.Token), (holder?.Holder, holder?.Address, holder?.Token));
        Assert.True(holder!.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(4), "expires_at is the database's now() plus the ttl");
    }

    [Fact]
    public async Task Expiry_LetsTheOtherTakeItWithALargerToken_AndTheFirstThenWritesNothing()
    {
        var (first, second) = (Store(_a), Store(_b));
        var old = (await first.TryAcquireAsync("a", AddressA, TimeSpan.FromMilliseconds(300), Ct))!;
        await first.SaveRevisionAsync(Revision(100), Ct);

        var taken = await WaitForAsync(() => second.TryAcquireAsync("b", AddressB, Long, Ct));

        Assert.True(taken.Token > old.Token);
        await Assert.ThrowsAsync<StateFencedException>(() => first.SaveRevisionAsync(Revision(200), Ct));
        await Assert.ThrowsAsync<StateFencedException>(() => first.AppendAsync(new AuditRecord("a", "x", "app shop", "ok"), Ct));
        // Another lane of the same controller (its own store on the same database) is fenced as well.
        await Assert.ThrowsAsync<StateFencedException>(() => Store(_a).AppendEventAsync("rl-1", "late", null, Ct));
        Assert.False(await first.RenewAsync(old, Long, Ct));
        Assert.Equal(100, (await second.GetRevisionAsync("shop", "1.0", Ct))?.Pid);
        Assert.Empty(await second.GetEventsAsync("rl-1", 0, Ct));
        Assert.Empty(await second.ReadAuditAsync(null, Ct));
        await second.SaveRevisionAsync(Revision(300), Ct); // the new holder writes
        Assert.Equal(300, (await first.GetRevisionAsync("shop", "1.0", Ct))?.Pid); // and the fenced one still reads
    }

    [Fact]
    public async Task Release_LetsTheOtherTakeOverAtOnce_AndFencesTheOneThatReleased()
    {
        var (first, second) = (Store(_a), Store(_b));
        var grant = (await first.TryAcquireAsync("a", AddressA, Long, Ct))!;

        await first.ReleaseAsync(grant, Ct);
        var taken = await second.TryAcquireAsync("b", AddressB, Long, Ct);

        Assert.Equal(grant.Token + 1, taken?.Token);
        Assert.Equal("b", (await first.GetHolderAsync(Ct))?.Holder);
        await Assert.ThrowsAsync<StateFencedException>(() => first.SaveRevisionAsync(Revision(1), Ct));
        Assert.Null(await second.GetRevisionAsync("shop", "1.0", Ct));
    }

    [Fact]
    public async Task Renew_WhileHeld_ExtendsTheLease_AndItsWritesGoThrough()
    {
        var store = Store(_a);
        var grant = (await store.TryAcquireAsync("a", AddressA, TimeSpan.FromSeconds(30), Ct))!;

        Assert.True(await store.RenewAsync(grant, Long, Ct));
        await store.SaveRevisionAsync(Revision(7), Ct);
        await store.AppendAsync(new AuditRecord("a", "x", "app shop", "ok"), Ct);

        Assert.True((await store.GetHolderAsync(Ct))!.ExpiresAt > grant.ExpiresAt.AddMinutes(4));
        Assert.Equal(7, (await store.GetRevisionAsync("shop", "1.0", Ct))?.Pid);
        Assert.Single(await store.ReadAuditAsync(null, Ct));
    }

    [Fact]
    public async Task AStoreThatNeverTookTheLease_WritesUnfenced_WhileAnotherHoldsIt()
    {
        await Store(_a).TryAcquireAsync("a", AddressA, Long, Ct);

        await Store(_b).SaveRevisionAsync(Revision(5), Ct); // a CLI read path or `down`, which takes no lease

        Assert.Equal(5, (await Store(_a).GetRevisionAsync("shop", "1.0", Ct))?.Pid);
        Assert.Equal("a", (await Store(_b).GetHolderAsync(Ct))?.Holder);
    }

    /// <summary>Polls (bounded, in real time: the lease expires by the database's clock) until <paramref name="attempt"/> gives a value.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> attempt) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await attempt() is { } value)
                return value;
            Assert.True(DateTime.UtcNow < deadline, "the lease never became free");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
