using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Greenlight.Engine.State;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.Tests.Audit;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greenlight-audit-").FullName;

    [Fact]
    public async Task Append_AfterAnotherProcessAppended_ExtendsItsEntryNotTheRemembered()
    {
        var store = StateStores.OpenSqlite(_directory, TimeProvider.System);
        await store.AppendAsync(new AuditRecord("a", "x", "app shop", "ok"), CancellationToken.None);
        // What another process (a CLI command) appends, straight into the file.
        var head = (await store.ReadAuditAsync(null, CancellationToken.None))[^1];
        var foreign = new AuditEntry(2, DateTimeOffset.UtcNow, new AuditRecord("cli-user", "secret.set", "secret shop/x", "ok"), AuditEntry.Hash(head)).ToJson();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_directory, StateStores.SqliteFile)};Pooling=False"))
        {
            db.Open();
            using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO audit_log (seq, at, entry) VALUES (2, '2026-01-01', $entry)";
            insert.Parameters.AddWithValue("$entry", foreign);
            insert.ExecuteNonQuery();
        }

        await store.AppendAsync(new AuditRecord("b", "y", "app shop", "ok"), CancellationToken.None);
        await store.CheckpointAuditAsync(CancellationToken.None);
        var export = await AuditExport.OfStoreAsync(store, _directory, null, CancellationToken.None);

        var result = export.Verify(whole: true);
        Assert.True(result.Ok, result.Problem?.ToString());
        Assert.Equal(3, result.LastSeq);
    }

    [Fact]
    public async Task FirstAppend_CreatesTheKeyOwnerOnlyAndSignsACheckpoint()
    {
        var store = StateStores.OpenSqlite(_directory, TimeProvider.System);

        await store.AppendAsync(new AuditRecord("a", "x", "app shop", "ok"), CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, AuditKeys.PrivateFile)));
        var checkpoint = Assert.Single(await store.ReadCheckpointsAsync(CancellationToken.None));
        Assert.True(AuditKeys.ReadPublic(_directory)!.Verify(checkpoint.SignedText, checkpoint.Signature));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
