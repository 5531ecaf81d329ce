using Greenlight.Core.Audit;

namespace Greenlight.Engine.Audit;

/// <summary>
/// The chain's next link and its checkpoints, the same on every store. Remembers the head and the last checkpoint, so
/// that an append costs about what a plain INSERT does, but checks the head against the table in each transaction:
/// when another process appended meanwhile, the head is read again, so the chain never forks. One per writer
/// connection, used by one append at a time.
/// </summary>
internal sealed class AuditChain(CheckpointPolicy policy)
{
    private (long Seq, string Hash)? _head;
    private (long Seq, DateTimeOffset Time)? _checkpoint;

    /// <summary>Appends <paramref name="record"/> stamped with the time the lock was taken: entries' times follow their order.</summary>
    public Task<bool> AppendAsync(IAuditTransaction tx, AuditRecord record, TimeProvider time, AuditKey key, CancellationToken ct) =>
        WriteAsync(tx, async head =>
        {
            var now = time.GetUtcNow();
            var entry = new AuditEntry(head.Seq + 1, now, record, head.Hash);
            var line = entry.ToJson();
            var hash = AuditEntry.Hash(line);
            await tx.InsertEntryAsync(entry, line, ct);
            var signed = policy.Due(entry.Seq, _checkpoint, now) ? await InsertAsync(tx, Checkpoint.Sign(entry.Seq, hash, now, key), ct) : null;
            return ((entry.Seq, hash), signed);
        }, ct);

    /// <summary>Signs the head if no checkpoint covers it yet; true when it did.</summary>
    public Task<bool> SignAsync(IAuditTransaction tx, TimeProvider time, AuditKey key, CancellationToken ct) =>
        WriteAsync(tx, async head =>
            (head, head.Seq > 0 && (_checkpoint is not { } c || c.Seq < head.Seq) ? await InsertAsync(tx, Checkpoint.Sign(head.Seq, head.Hash, time.GetUtcNow(), key), ct) : null), ct);

    /// <summary>Runs <paramref name="write"/> on the current head and commits; the memory changes only once it has.</summary>
    private async Task<bool> WriteAsync(IAuditTransaction tx,
        Func<(long Seq, string Hash), Task<((long Seq, string Hash) Head, Checkpoint? Signed)>> write, CancellationToken ct)
    {
        try
        {
            var (head, signed) = await write(await HeadAsync(tx, ct));
            await tx.CommitAsync(ct);
            _head = head;
            if (signed is not null)
                _checkpoint = (signed.Seq, signed.Time);
            return signed is not null;
        }
        catch
        {
            // Whatever failed (a lock timeout, a full disk, a lost connection), the next append reads the head afresh.
            (_head, _checkpoint) = (null, null);
            throw;
        }
    }

    private async Task<(long Seq, string Hash)> HeadAsync(IAuditTransaction tx, CancellationToken ct)
    {
        var last = await tx.LastSeqAsync(ct);
        if (_head is { } known && known.Seq == last)
            return known;
        _checkpoint = await tx.LastCheckpointAsync(ct) is { } json && Checkpoint.Parse(json) is var c ? (c.Seq, c.Time) : null;
        return last == 0 ? (0, AuditEntry.Genesis) : (last, AuditEntry.Hash(await tx.EntryAsync(last, ct)));
    }

    private static async Task<Checkpoint> InsertAsync(IAuditTransaction tx, Checkpoint c, CancellationToken ct)
    {
        await tx.InsertCheckpointAsync(c, ct);
        return c;
    }
}
