using Greenlight.Core.Rollouts;
using Greenlight.Core.Secrets;
using Greenlight.Engine.State;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.Tests.State;

/// <summary>The state-store suite on SQLite (<see cref="StateStoreContract"/>), and what only the embedded file does.</summary>
public sealed class SqliteStateStoreTests : StateStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greenlight-state-").FullName;

    protected override string StateDirectory => _directory;

    protected override IStateStore Open(SecretValues? secrets = null) => new SqliteStateStore(Path.Combine(_directory, "state.db"), TimeProvider.System, secrets);

    /// <summary>
    /// The controller keeps connections open while CLI commands (audit, secrets, down) open the same file and exit. A
    /// store opened again in the controller must not make such a command's exit take the live -wal for a leftover and
    /// delete it: the controller's later writes would be seen by no other process, and lost with it.
    /// </summary>
    [Fact]
    public async Task AnotherProcessClosingTheDatabase_AfterTheStoreWasOpenedAgainHere_SeesEveryLaterWrite()
    {
        var path = Path.Combine(_directory, "state.db");
        var store = new SqliteStateStore(path, TimeProvider.System);
        await store.SaveRevisionAsync(Revision("1.0"), CancellationToken.None);
        _ = new SqliteStateStore(path, TimeProvider.System); // as each lane and host of a controller opens it

        Assert.Equal("1", await CountRevisionsElsewhereAsync(path));
        await store.SaveRevisionAsync(Revision("2.0"), CancellationToken.None);

        Assert.True(File.Exists(path + "-wal"), "the -wal of open connections was deleted");
        Assert.Equal("2", await CountRevisionsElsewhereAsync(path));
    }

    /// <summary>Writes that queue while another commits share the next commit (a thousand rollouts storing transitions at
    /// once); one the database refuses must fail alone, and every other write of its commit be stored.</summary>
    [Fact]
    public async Task SaveRevision_TwoHundredAtOnceFromFourStoresOneRefused_TheOthersAreAllStored()
    {
        var path = Path.Combine(_directory, "state.db");
        var stores = Enumerable.Range(0, 4).Select(_ => new SqliteStateStore(path, TimeProvider.System)).ToList();
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var trigger = db.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON revisions WHEN NEW.app = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";
            trigger.ExecuteNonQuery();
        }

        var writes = Enumerable.Range(0, 200)
            .Select(i => stores[i % 4].SaveRevisionAsync(Revision($"{i}.0") with { App = i == 100 ? "refused" : "shop" }, CancellationToken.None))
            .ToList();

        var refused = await Assert.ThrowsAsync<SqliteException>(() => writes[100]);
        Assert.Contains("refused by the test", refused.Message);
        await Task.WhenAll(writes.Where((_, i) => i != 100));
        Assert.Equal(199, (await stores[0].ListRevisionsAsync("shop", CancellationToken.None)).Count);
        Assert.Empty(await stores[0].ListRevisionsAsync("refused", CancellationToken.None));
    }

    private static RevisionRecord Revision(string version) =>
        new("shop", version, 0, 0, 0, "/tmp/shop.log", RevisionStatus.Stopped, DateTimeOffset.UnixEpoch);

    /// <summary>Python's sqlite3 in a process of its own: it opens the file, counts, and closes as its last connection.</summary>
    private static async Task<string> CountRevisionsElsewhereAsync(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute('SELECT count(*) FROM revisions').fetchone()[0]); c.close()");
        start.ArgumentList.Add(path);
        using var python = System.Diagnostics.Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, await python.StandardError.ReadToEndAsync());
        return output.Trim();
    }

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
        await reopened.SaveRevisionAsync(kept with { Instance = 1, Pid = 4343, Port = 8082 }, CancellationToken.None);
        Assert.Equal([(0, 4242), (1, 4343)], (await reopened.ListInstancesAsync("shop", "1.0", CancellationToken.None)).Select(r => (r.Instance, r.Pid)));
    }

    [Fact]
    public async Task Open_StateLeftWorldReadable_IsTightenedAndSqliteFilesAreOwnerOnly()
    {
        var state = Path.Combine(_directory, ".greenlight");
        Directory.CreateDirectory(state, (UnixFileMode)0b111_111_111);
        File.WriteAllText(Path.Combine(state, "state.db-wal"), ""); // left world-readable by an earlier release
        File.SetUnixFileMode(Path.Combine(state, "state.db-wal"), (UnixFileMode)0b110_110_110);

        var store = new SqliteStateStore(Path.Combine(state, "state.db"), TimeProvider.System);
        await store.AppendEventAsync("rl-1", "written", null, CancellationToken.None);

        Assert.Equal(OwnerOnly.DirectoryPermissions, File.GetUnixFileMode(state));
        Assert.All(Directory.GetFiles(state), file => Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(file)));
        Assert.Contains(Path.Combine(state, "state.db-shm"), Directory.GetFiles(state));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
