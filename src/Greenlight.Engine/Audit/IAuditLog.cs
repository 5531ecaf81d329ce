using Greenlight.Core.Audit;

namespace Greenlight.Engine.Audit;

/// <summary>The tamper-evident audit log: appends are chained (SHA-256) and checkpointed (Ed25519); see docs/audit.md.</summary>
public interface IAuditLog
{
    /// <summary>Appends the record as the next entry, durably, before returning. Appends are serialised: the chain stays linear.</summary>
    Task AppendAsync(AuditRecord record, CancellationToken ct);
}
