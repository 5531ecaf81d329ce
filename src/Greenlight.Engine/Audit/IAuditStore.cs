using Greenlight.Core.Audit;

namespace Greenlight.Engine.Audit;

/// <summary>An audit log that can also be read back and checkpointed: the SQLite state store, or <see cref="PostgresAuditLog"/>.</summary>
public interface IAuditStore : IAuditLog
{
    /// <summary>The entries' lines (canonical JSON) in order, from the first entry at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<string>> ReadAuditAsync(DateTimeOffset? since, CancellationToken ct);

    /// <summary>At most <paramref name="limit"/> entries' lines, newest first, of the entries numbered below <paramref name="before"/> (all when null).</summary>
    Task<IReadOnlyList<string>> ReadLatestAuditAsync(long? before, int limit, CancellationToken ct);

    /// <summary>Every checkpoint, in order.</summary>
    Task<IReadOnlyList<Checkpoint>> ReadCheckpointsAsync(CancellationToken ct);

    /// <summary>Signs a checkpoint over the last entry if it has none yet; true when it did.</summary>
    Task<bool> CheckpointAuditAsync(CancellationToken ct);
}
