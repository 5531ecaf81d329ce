using Greenlight.Core.Secrets;
using Greenlight.Engine.State.Postgres;
using Npgsql;

namespace Greenlight.Engine.State;

/// <summary>
/// The state a controller (or a command) opened at its <see cref="StateLocation"/>: every store of its lanes comes from
/// here, so they share one database, one writer and, on PostgreSQL, one lease that fences all of them.
/// </summary>
public sealed class ControllerState : IAsyncDisposable
{
    private readonly PostgresStateDatabase? _postgres;
    private readonly TimeProvider _time;

    private ControllerState(StateLocation location, string stateDirectory, TimeProvider time, PostgresStateDatabase? postgres)
    {
        (Location, StateDirectory, _time, _postgres) = (location, stateDirectory, time, postgres);
    }

    public StateLocation Location { get; }

    public string StateDirectory { get; }

    /// <summary>The leadership lease; null on SQLite, where one controller owns the state directory (its lock file).</summary>
    public IControllerLease? Lease => _postgres;

    public static ControllerState Sqlite(string stateDirectory, TimeProvider time) => new(StateLocation.Sqlite, stateDirectory, time, null);

    /// <summary>On PostgreSQL, connects and brings Greenlight's schema up to date; errors name the database, never a password.</summary>
    public static async Task<ControllerState> OpenAsync(StateLocation location, string stateDirectory, TimeProvider time, CancellationToken ct)
    {
        if (location.Postgres is not { } connection)
            return Sqlite(stateDirectory, time);
        try
        {
            return new(location, stateDirectory, time, await PostgresStateDatabase.OpenAsync(connection, stateDirectory, ct));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new StateLocationException($"cannot open the state on {location}: {e.Message}");
        }
    }

    /// <summary>A store on this state, masking <paramref name="secrets"/> in what it writes.</summary>
    /// <param name="time">The clock of its time stamps; the state's own when null.</param>
    public IStateStore OpenStore(SecretValues? secrets = null, TimeProvider? time = null) => _postgres is { } db
        ? new PostgresStateStore(db, time ?? _time, secrets)
        : StateStores.OpenSqlite(StateDirectory, time ?? _time, secrets);

    /// <summary>The store, or null when the embedded one was never written (PostgreSQL's always exists).</summary>
    public IStateStore? OpenExistingStore(SecretValues? secrets = null) => _postgres is null
        ? StateStores.OpenExistingSqlite(StateDirectory, _time, secrets)
        : OpenStore(secrets);

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
