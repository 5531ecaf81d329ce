using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;

namespace Greenlight.Engine.State.Postgres;

internal sealed partial class PostgresStateStore
{
    public override Task AppendAsync(AuditRecord record, CancellationToken ct)
    {
        var key = AuditKeys.LoadOrCreate(database.StateDirectory);
        return database.AuditAsync(async (chain, tx) => await chain.AppendAsync(tx, record, _time, key, ct));
    }

    public override Task<bool> CheckpointAuditAsync(CancellationToken ct)
    {
        var key = AuditKeys.LoadOrCreate(database.StateDirectory);
        return database.AuditAsync((chain, tx) => chain.SignAsync(tx, _time, key, ct));
    }
}
