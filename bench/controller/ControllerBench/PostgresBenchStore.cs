using Greenlight.Engine.Control;
using Greenlight.Engine.State;
using Greenlight.Testing.Postgres;
using Npgsql;

namespace ControllerBench;

/// <summary>
/// PostgreSQL: a throwaway server started as the tests start one (initdb and pg_ctl, 127.0.0.1 on a random port, trust,
/// fsync off), the controller's state in one database of it (as <c>up --state</c> opens it), the raw commits in another.
/// Both see the server's same durability settings.
/// </summary>
internal sealed class PostgresBenchStore : BenchStore
{
    private PostgresServer? _server;
    private ControllerState? _state;

    public override string Name => "postgres";

    public override string RawDescription => "PostgreSQL, the same throwaway server as the controller's state (fsync off): BEGIN; INSERT one row; COMMIT";

    public override async Task<ControllerOptions> ConfigureAsync(ControllerOptions options, CancellationToken ct)
    {
        _server ??= await PostgresServer.StartAsync(ct);
        var location = StateLocation.Parse(await _server.CreateDatabaseAsync("greenlight", ct), "the bench's PostgreSQL", passwordAllowed: true);
        _state = await ControllerState.OpenAsync(location, options.StateDirectory, options.Time, ct);
        return options with { State = _state };
    }

    public override double RawCommitsPerSecond(string workspace, TimeSpan duration)
    {
        using var db = new NpgsqlConnection(_server!.CreateDatabaseAsync("raw").GetAwaiter().GetResult());
        db.Open();
        using (var create = new NpgsqlCommand(EventsTable, db))
            create.ExecuteNonQuery();
        using var insert = new NpgsqlCommand("INSERT INTO events (rollout_id, at, message, duration_ms) VALUES ($1, $2, $3, NULL)", db);
        var rollout = insert.Parameters.Add(new NpgsqlParameter<string> { Value = "" });
        var at = insert.Parameters.Add(new NpgsqlParameter<string> { Value = "" });
        insert.Parameters.Add(new NpgsqlParameter<string> { Value = Message });
        insert.Prepare();
        return Loop(duration, n =>
        {
            using var tx = db.BeginTransaction();
            insert.Transaction = tx;
            rollout.Value = $"rl-{n % 1000:x8}";
            at.Value = DateTimeOffset.UtcNow.ToString("O");
            insert.ExecuteNonQuery();
            tx.Commit();
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (_state is not null)
            await _state.DisposeAsync();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
