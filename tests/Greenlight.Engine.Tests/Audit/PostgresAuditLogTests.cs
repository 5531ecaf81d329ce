using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Greenlight.Testing.Postgres;
using Npgsql;

namespace Greenlight.Engine.Tests.Audit;

/// <summary>One throwaway cluster for the class (a cluster takes seconds to start, a database milliseconds).</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class PostgresAuditLogTests(PostgresClusterFixture cluster) : IClassFixture<PostgresClusterFixture>, IDisposable
{
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("greenlight-pgaudit-").FullName;

    [Fact]
    public async Task Append_ThenVerify_ChainsEveryEntryAndSignsACheckpointEveryNEntries()
    {
        var database = await NewDatabaseAsync();
        await using var log = await OpenAsync(database, new CheckpointPolicy(3, TimeSpan.FromHours(1)));

        for (var i = 1; i <= 10; i++)
            await log.AppendAsync(Record("deployer", i), CancellationToken.None);

        var result = (await ExportAsync(log)).Verify(whole: true);
        Assert.True(result.Ok, result.Problem?.ToString());
        Assert.Equal(10, result.LastSeq);
        Assert.Equal([1L, 4, 7, 10], (await log.ReadCheckpointsAsync(CancellationToken.None)).Select(c => c.Seq));
        Assert.False(await log.CheckpointAuditAsync(CancellationToken.None)); // entry 10 is signed already
        var page = await log.ReadLatestAuditAsync(8, 2, CancellationToken.None);
        Assert.Equal([7L, 6], page.Select(line => AuditEntry.Parse(line).Seq));
    }

    [Fact]
    public async Task TwoWriters_OnTheirOwnConnections_KeepOneLinearChain()
    {
        var database = await NewDatabaseAsync();
        await using var first = await OpenAsync(database);
        await using var second = await OpenAsync(database);

        async Task WriteAsync(IAuditLog log, string actor)
        {
            for (var i = 0; i < 100; i++)
                await log.AppendAsync(Record(actor, i), CancellationToken.None);
        }
        await Task.WhenAll(Task.Run(() => WriteAsync(first, "alice")), Task.Run(() => WriteAsync(second, "bob")));

        var export = await ExportAsync(first);
        var result = export.Verify(whole: true);
        Assert.True(result.Ok, result.Problem?.ToString());
        Assert.Equal(200, result.LastSeq);
        var actors = export.Entries.Select(line => AuditEntry.Parse(line).Record.Actor).ToList();
        Assert.Equal(100, actors.Count(a => a == "alice"));
        Assert.Equal(100, actors.Count(a => a == "bob"));
    }

    [Fact]
    public async Task EditedRow_IsDetectedByTheVerifier_NamingTheEntry()
    {
        var database = await NewDatabaseAsync();
        await using var log = await OpenAsync(database);
        for (var i = 1; i <= 5; i++)
            await log.AppendAsync(Record("deployer", i), CancellationToken.None);

        // A superuser gets past the append-only triggers; the chain still tells.
        await ExecuteAsync(database, "SET session_replication_role = replica; UPDATE audit_log SET entry = replace(entry, 'deployer', 'intruder') WHERE seq = 3");

        var result = (await ExportAsync(log)).Verify(whole: true);
        Assert.False(result.Ok);
        Assert.Equal(3, result.Problem!.Seq);
        Assert.StartsWith("modified", result.Problem.What);
    }

    [Fact]
    public async Task UpdateDeleteOrTruncate_IsRefusedByTheTables()
    {
        var database = await NewDatabaseAsync();
        await using var log = await OpenAsync(database);
        await log.AppendAsync(Record("deployer", 1), CancellationToken.None);

        foreach (var sql in (string[])["UPDATE audit_log SET entry = '{}'", "DELETE FROM audit_log", "TRUNCATE audit_checkpoints"])
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, sql));
            Assert.Contains("append-only", refused.MessageText);
        }
        Assert.True((await ExportAsync(log)).Verify(whole: true).Ok);
    }

    private async Task<string> NewDatabaseAsync() => await cluster.Server.CreateDatabaseAsync("a" + Guid.NewGuid().ToString("N")[..12]);

    private Task<PostgresAuditLog> OpenAsync(string database, CheckpointPolicy? policy = null) =>
        PostgresAuditLog.OpenAsync(database, AuditKeys.LoadOrCreate(_stateDirectory), TimeProvider.System, CancellationToken.None, policy);

    private Task<AuditExport> ExportAsync(IAuditStore log) => AuditExport.OfStoreAsync(log, _stateDirectory, null, CancellationToken.None);

    private static AuditRecord Record(string actor, int i) => new(actor, "POST /v1/releases/{id}/promote", $"release rel-{i}", "ok");

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var db = new NpgsqlConnection(database);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => Directory.Delete(_stateDirectory, recursive: true);
}
