using Dapper;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.State.Postgres;
using Greenlight.Engine.Tests.Audit;
using Npgsql;

namespace Greenlight.Engine.Tests.State;

/// <summary>Greenlight's own schema on PostgreSQL, versioned and upgraded by its migration engine at open.</summary>
public sealed class PostgresStateSchemaTests(PostgresClusterFixture cluster) : IClassFixture<PostgresClusterFixture>, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _directory = Directory.CreateTempSubdirectory("greenlight-pgschema-").FullName;

    [Fact]
    public async Task Open_TwoControllersAtOnce_ApplyEachVersionOnce_AndReopeningChangesNothing()
    {
        var database = await PostgresStateStoreTests.NewDatabaseAsync(cluster);

        var opened = await Task.WhenAll(PostgresStateDatabase.OpenAsync(database, _directory, Ct), PostgresStateDatabase.OpenAsync(database, _directory, Ct));
        var history = await HistoryAsync(database);
        await using (await PostgresStateDatabase.OpenAsync(database, _directory, Ct)) { }

        Assert.Equal([("1", true)], history.Select(h => (h.Version, h.Success)));
        Assert.Equal(history, await HistoryAsync(database));
        foreach (var db in opened)
            await db.DisposeAsync();
    }

    [Fact]
    public async Task Open_DatabaseAtAnOlderVersion_AppliesOnlyTheNewScriptAndKeepsEveryRow()
    {
        var database = await PostgresStateStoreTests.NewDatabaseAsync(cluster);
        await using (var v1 = await PostgresStateDatabase.OpenAsync(database, _directory, Ct))
            await new PostgresStateStore(v1, TimeProvider.System).SaveRolloutAsync(Rollout.Create("rl-1", "shop", "1.0", null, TimeSpan.Zero, DateTimeOffset.UnixEpoch), ["started"], Ct);
        var v2 = SchemaScripts.Embedded().Append(new SchemaScript("V2__rollout_notes.sql", "ALTER TABLE rollouts ADD COLUMN note text;")).ToList();

        await using (var upgraded = await PostgresStateDatabase.OpenAsync(database, _directory, v2, Ct))
        {
            var store = new PostgresStateStore(upgraded, TimeProvider.System);
            Assert.Equal("1.0", (await store.GetRolloutAsync("rl-1", Ct))?.Version);
            Assert.Equal(["started"], (await store.GetEventsAsync("rl-1", 0, Ct)).Select(e => e.Message));
        }
        await using (await PostgresStateDatabase.OpenAsync(database, _directory, v2, Ct)) { }

        Assert.Equal([("1", true), ("2", true)], (await HistoryAsync(database)).Select(h => (h.Version, h.Success)));
        // A Greenlight older than the schema does not write to it.
        var older = await Assert.ThrowsAsync<StateSchemaException>(() => PostgresStateDatabase.OpenAsync(database, _directory, Ct));
        Assert.Contains("V2__rollout_notes.sql", older.Message);
    }

    [Fact]
    public async Task Open_TheSchemaLivesInItsOwnNamespace_LeavingTheDefaultSchemaEmpty()
    {
        var database = await PostgresStateStoreTests.NewDatabaseAsync(cluster);
        await using (await PostgresStateDatabase.OpenAsync(database, _directory, Ct)) { }

        await using var db = new NpgsqlConnection(database);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        Assert.Contains("controller_lease", await db.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'greenlight'"));
    }

    private static async Task<List<(string Version, bool Success, DateTime InstalledOn)>> HistoryAsync(string database)
    {
        await using var db = new NpgsqlConnection(database);
        return (await db.QueryAsync<(string, bool, DateTime)>(
            $"SELECT version, success, installed_on FROM greenlight.{PostgresStateDatabase.HistoryTable} ORDER BY installed_rank")).AsList();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
