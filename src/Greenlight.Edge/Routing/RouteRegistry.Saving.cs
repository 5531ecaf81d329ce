namespace Greenlight.Edge.Routing;

internal sealed partial class RouteRegistry
{
    private readonly Lock _saving = new();
    private long _changed;
    private long _saved;
    private Task? _writing;

    /// <summary>Counts a change just made to the table; its number is what <see cref="SavedAsync"/> waits for.</summary>
    private long Changed() => Interlocked.Increment(ref _changed);

    /// <summary>
    /// Returns once routes.json holds change <paramref name="change"/>. Changes made while a write is on its way share the
    /// next write, which takes the whole table as it is then: ten apps flipped at once cost one or two writes and fsyncs,
    /// not ten in a row, and no flip waits for the disk before users see it (the acknowledgement does).
    /// </summary>
    private async Task SavedAsync(long change, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task writing;
            lock (_saving)
            {
                if (_saved >= change) return;
                writing = _writing ??= WriteAsync();
            }

            await writing.WaitAsync(cancellationToken);
        }
    }

    private async Task WriteAsync()
    {
        await Task.Yield(); // the caller holds _saving
        try
        {
            // Counted before the table is read: every change the count includes is in the table read after it.
            var change = Volatile.Read(ref _changed);
            await store.SaveAsync(_apps.Values.Select(a => a.Table.Route), CancellationToken.None);
            lock (_saving) _saved = Math.Max(_saved, change);
        }
        finally
        {
            lock (_saving) _writing = null;
        }
    }
}
