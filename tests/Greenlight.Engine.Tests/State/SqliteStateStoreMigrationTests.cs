using Greenlight.Engine.State;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.Tests.State;

public sealed class SqliteStateStoreMigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greenlight-state-").FullName;

    [Fact]
    public async Task Open_StateDbOfAnEarlierRelease_KeepsItsRevisionsAndRecordsLaunchIds()
    {
        var path = Path.Combine(_directory, "state.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            // The revisions table as releases before launch ids wrote it.
            create.CommandText = """
                CREATE TABLE revisions (
                    app TEXT NOT NULL, version TEXT NOT NULL, pid INTEGER NOT NULL, start_time INTEGER NOT NULL,
                    port INTEGER NOT NULL, log_file TEXT NOT NULL, status TEXT NOT NULL, started_at TEXT NOT NULL,
                    PRIMARY KEY (app, version));
                INSERT INTO revisions VALUES ('shop', '1.0', 4242, 99, 8081, '/tmp/shop-1.0.log', 'Running', '2026-01-02T03:04:05.0000000+00:00');
                """;
            create.ExecuteNonQuery();
        }

        var store = new SqliteStateStore(path, TimeProvider.System);
        var kept = await store.GetRevisionAsync("shop", "1.0", CancellationToken.None);
        await store.SaveRevisionAsync(kept! with { Version = "2.0", LaunchId = "launch-2" }, CancellationToken.None);
        var reopened = new SqliteStateStore(path, TimeProvider.System);

        Assert.Equal(new RevisionRecord("shop", "1.0", 4242, 99, 8081, "/tmp/shop-1.0.log", RevisionStatus.Running,
            DateTimeOffset.Parse("2026-01-02T03:04:05Z"), null), kept);
        Assert.Equal("launch-2", (await reopened.GetRevisionAsync("shop", "2.0", CancellationToken.None))?.LaunchId);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
