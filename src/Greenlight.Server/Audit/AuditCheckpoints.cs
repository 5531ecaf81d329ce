using Greenlight.Engine.Audit;
using Greenlight.Engine.State;

namespace Greenlight.Server.Audit;

/// <summary>
/// Signs the idle tail of the log: appends sign a checkpoint every <see cref="CheckpointPolicy.Entries"/> entries, and
/// this every <see cref="CheckpointPolicy.Interval"/> and when the controller stops, so a quiet log is covered too.
/// </summary>
internal sealed class AuditCheckpoints : IAsyncDisposable
{
    private readonly IStateStore _store;
    private readonly ITimer _timer;

    public AuditCheckpoints(IStateStore store, TimeProvider time)
    {
        _store = store;
        var every = CheckpointPolicy.Default.Interval;
        _timer = time.CreateTimer(_ => _ = SignAsync(), null, every, every);
    }

    private async Task SignAsync()
    {
        try
        {
            await _store.CheckpointAuditAsync(CancellationToken.None);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // The file busy past the store's timeout: the next tick signs the same tail.
        }
        catch (StateFencedException)
        {
            // A leader that lost its lease: the controller leading now signs the tail.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        await SignAsync();
    }
}
