using System.Collections;
using Greenlight.Core.Secrets;
using Greenlight.Engine.State;
using Greenlight.Engine.Tests.Audit;
using Npgsql;

namespace Greenlight.Engine.Tests.State;

public sealed class StateLocationTests(PostgresClusterFixture cluster) : IClassFixture<PostgresClusterFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("greenlight-location-").FullName;
    private static readonly IDictionary NoEnvironment = new Hashtable();

    [Fact]
    public void Parse_PostgresUri_BecomesNpgsqlsConnectionString()
    {
        var location = StateLocation.Parse("postgres://greenlight@db.internal:6543/state?sslmode=require", "--state", passwordAllowed: false);

        var b = new NpgsqlConnectionStringBuilder(location.Postgres);
        Assert.Equal(("db.internal", 6543, "state", "greenlight", SslMode.Require), (b.Host, b.Port, b.Database, b.Username, b.SslMode));
        Assert.Equal("postgres://greenlight@db.internal:6543/state", location.ToString());
    }

    [Theory]
    [InlineData("postgres://greenlight:hunter2secret@db:5432/state")]
    [InlineData("postgresql://greenlight@db/state?password=hunter2secret")]
    [InlineData("Host=db;Database=state;Username=greenlight;Password=hunter2secret")]
    public void Parse_PasswordInTheOption_IsRefusedWithoutEchoingIt(string given)
    {
        var refused = Assert.Throws<StateLocationException>(() => StateLocation.Resolve(given, NoEnvironment, _directory));

        Assert.Contains("--state: a password inline is refused", refused.Message);
        Assert.Contains("PGPASSWORD", refused.Message);
        Assert.Contains(StateLocation.Variable, refused.Message);
        Assert.DoesNotContain("hunter2secret", refused.Message);
    }

    [Fact]
    public void Resolve_PasswordInTheVariable_IsTaken_ButNeverRecordedNorShown()
    {
        var environment = new Hashtable { [StateLocation.Variable] = "postgres://greenlight:hunter2secret@db:5432/state" };

        var location = StateLocation.Resolve(null, environment, _directory);
        location.Record(_directory);

        Assert.Equal("hunter2secret", new NpgsqlConnectionStringBuilder(location.Postgres).Password);
        Assert.DoesNotContain("hunter2secret", location.ToString());
        var recorded = File.ReadAllText(Path.Combine(_directory, StateLocation.RecordFile));
        Assert.DoesNotContain("hunter2secret", recorded);
        Assert.Equal(OwnerOnly.FilePermissions, File.GetUnixFileMode(Path.Combine(_directory, StateLocation.RecordFile)));
        Assert.Equal("postgres://greenlight@db:5432/state", StateLocation.Resolve(null, NoEnvironment, _directory).ToString()); // what `down` finds
    }

    [Fact]
    public void Resolve_Nothing_IsSqlite_AndTheOptionWinsOverTheVariable()
    {
        var environment = new Hashtable { [StateLocation.Variable] = "Host=a;Database=b" };

        Assert.Same(StateLocation.Sqlite, StateLocation.Resolve(null, NoEnvironment, _directory));
        Assert.Same(StateLocation.Sqlite, StateLocation.Resolve("sqlite", environment, _directory));
        Assert.Equal("postgres://c:5432/d", StateLocation.Resolve("Host=c;Database=d", environment, _directory).ToString());
    }

    [Theory]
    [InlineData("postgres://db:5432/state?sslmod=require", "--state: unknown parameter 'sslmod'")]
    [InlineData("postgres://greenlight@db:5432/", "must name a host and a database")]
    [InlineData("state.db", "expected sqlite, postgres://")]
    [InlineData("Host=db;Databse=state", "--state: not a PostgreSQL connection string")]
    public void Parse_WhatIsNotALocation_SaysWhatIsExpected(string given, string expected)
    {
        var refused = Assert.Throws<StateLocationException>(() => StateLocation.Parse(given, "--state", passwordAllowed: false));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public async Task ControllerState_OnPostgres_OpensStoresThatShareTheDatabaseAndTheLease()
    {
        var database = await PostgresStateStoreTests.NewDatabaseAsync(cluster);
        var location = StateLocation.Parse(database, "test", passwordAllowed: true);

        await using var state = await ControllerState.OpenAsync(location, _directory, TimeProvider.System, CancellationToken.None);
        await state.OpenStore().AppendEventAsync("rl-1", "written", null, CancellationToken.None);

        Assert.Equal("postgres", state.OpenStore().Name);
        Assert.NotNull(state.Lease);
        Assert.Single(await state.OpenExistingStore()!.GetEventsAsync("rl-1", 0, CancellationToken.None));
        Assert.Null(ControllerState.Sqlite(_directory, TimeProvider.System).Lease);
    }

    [Fact]
    public async Task ControllerState_DatabaseUnreachable_SaysWhichWithoutThePassword()
    {
        var location = StateLocation.Parse("Host=127.0.0.1;Port=1;Database=state;Username=greenlight;Password=hunter2secret;Timeout=2", StateLocation.Variable, passwordAllowed: true);

        var refused = await Assert.ThrowsAsync<StateLocationException>(() => ControllerState.OpenAsync(location, _directory, TimeProvider.System, CancellationToken.None));

        Assert.StartsWith("cannot open the state on postgres://greenlight@127.0.0.1:1/state: ", refused.Message);
        Assert.DoesNotContain("hunter2secret", refused.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
