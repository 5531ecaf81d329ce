using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;

namespace Greenlight.Engine.State;

/// <summary>The audit log lives in the state store, with the same durability as every other record.</summary>
public partial interface IStateStore : IAuditLog
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
