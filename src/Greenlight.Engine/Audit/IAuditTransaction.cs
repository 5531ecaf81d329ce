using Greenlight.Core.Audit;

namespace Greenlight.Engine.Audit;

/// <summary>
/// One write to a store's audit tables, begun holding the store's append lock (SQLite's write lock, PostgreSQL's
/// advisory lock), so that nothing else appends until it commits or is dropped. What <see cref="AuditChain"/> needs of a store.
/// </summary>
internal interface IAuditTransaction
{
    /// <summary>The last entry's number; 0 when the log is empty.</summary>
    ValueTask<long> LastSeqAsync(CancellationToken ct);

    /// <summary>The stored line of entry <paramref name="seq"/>, which exists.</summary>
    ValueTask<string> EntryAsync(long seq, CancellationToken ct);

    /// <summary>The last checkpoint's stored line, or null when there is none.</summary>
    ValueTask<string?> LastCheckpointAsync(CancellationToken ct);

    ValueTask InsertEntryAsync(AuditEntry entry, string line, CancellationToken ct);

    ValueTask InsertCheckpointAsync(Checkpoint checkpoint, CancellationToken ct);

    ValueTask CommitAsync(CancellationToken ct);
}
