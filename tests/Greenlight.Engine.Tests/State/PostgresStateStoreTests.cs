using Greenlight.Core.Secrets;
using Greenlight.Engine.State;
using Greenlight.Engine.State.Postgres;
using Greenlight.Engine.Tests.Audit;

namespace Greenlight.Engine.Tests.State;

/// <summary>The state-store suite (<see cref="StateStoreContract"/>) on a real PostgreSQL: one throwaway server for the
/// class, a fresh database for each test.</summary>
public sealed class PostgresStateStoreTests(PostgresClusterFixture cluster) : StateStoreContract, IClassFixture<PostgresClusterFixture>, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greenlight-pgstate-").FullName;
    private PostgresStateDatabase _database = null!;

    protected override string StateDirectory => _directory;

    protected override IStateStore Open(SecretValues? secrets = null) => new PostgresStateStore(_database, TimeProvider.System, secrets);

    public async Task InitializeAsync() => _database = await PostgresStateDatabase.OpenAsync(await NewDatabaseAsync(cluster), _directory, CancellationToken.None);

    /// <summary>A database of its own on the class's server: its connection string.</summary>
    internal static async Task<string> NewDatabaseAsync(PostgresClusterFixture cluster) =>
        await cluster.Server.CreateDatabaseAsync("s" + Guid.NewGuid().ToString("N")[..12]);

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
