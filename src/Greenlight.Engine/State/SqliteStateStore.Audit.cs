using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    private AuditKey AuditSigningKey => AuditKeys.LoadOrCreate(Path.GetDirectoryName(_path)!);

    /// <summary>Through the file's writer queue, like every write of the store, on the file's <see cref="SqliteAuditWriter"/>.</summary>
    public override Task AppendAsync(AuditRecord record, CancellationToken ct)
    {
        var key = AuditSigningKey;
        return ExclusiveAsync(() => SqliteAuditWriter.Of(_path, _connectionString).AppendAsync(record, _time, key));
    }

    public override Task<bool> CheckpointAuditAsync(CancellationToken ct)
    {
        var key = AuditSigningKey;
        return ExclusiveAsync(() => SqliteAuditWriter.Of(_path, _connectionString).SignAsync(_time, key));
    }
}
