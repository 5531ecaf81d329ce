using Greenlight.Cli.Tests.Support;
using Greenlight.Core.Audit;
using Greenlight.Engine.State;
using Greenlight.Server.Hosting;
using Microsoft.Data.Sqlite;

namespace Greenlight.Cli.Tests.Audit;

/// <summary>A workspace whose state directory holds a real audit log, appended through the store, to tamper with in plain SQL.</summary>
internal sealed class AuditedState : IDisposable
{
    public AuditedState() => StateDirectory = ControllerFiles.ForManifest(Workspace.ManifestPath).StateDirectory;

    public CliWorkspace Workspace { get; } = new();
    public string StateDirectory { get; }
    public string DatabasePath => Path.Combine(StateDirectory, StateStores.SqliteFile);

    /// <summary>Appends <paramref name="count"/> entries, then signs a checkpoint over the last.</summary>
    public async Task AppendAsync(int count)
    {
        var store = StateStores.OpenSqlite(StateDirectory, TimeProvider.System);
        for (var i = 1; i <= count; i++)
            await store.AppendAsync(new AuditRecord($"user-{i}", "POST /v1/deployments", "app shop", "ok") { Status = 202, After = $"1.{i}.0" }, CancellationToken.None);
        await store.CheckpointAuditAsync(CancellationToken.None);
    }

    public void Sql(string sql)
    {
        using var db = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public Task<CliResult> RunAsync(params string[] args) => Workspace.RunAsync(args);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Workspace.Dispose();
    }
}
