using Greenlight.Core.Secrets;

namespace Greenlight.Engine.State;

/// <summary>The state stores a host may open without running a controller (e.g. `greenlight down`).</summary>
public static class StateStores
{
    /// <summary>The file of the embedded store in a state directory.</summary>
    public const string SqliteFile = "state.db";

    /// <summary>The embedded store of <paramref name="stateDirectory"/>, or null when none was ever written there.</summary>
    public static IStateStore? OpenExistingSqlite(string stateDirectory, TimeProvider time, SecretValues? secrets = null)
    {
        var path = Path.Combine(stateDirectory, SqliteFile);
        return File.Exists(path) ? new SqliteStateStore(path, time, secrets) : null;
    }

    /// <summary>
    /// The store configured for <paramref name="stateDirectory"/> (<paramref name="location"/>, else
    /// <see cref="StateLocation.Resolve"/> without an option), for a command that runs without a controller; null when
    /// that is the embedded store and it was never written. A command's process is short: the PostgreSQL pool it opens
    /// ends with it.
    /// </summary>
    public static IStateStore? OpenConfigured(string stateDirectory, TimeProvider time, SecretValues? secrets = null, StateLocation? location = null)
    {
        location ??= StateLocation.Resolve(null, Environment.GetEnvironmentVariables(), stateDirectory);
        return location.Postgres is null
            ? OpenExistingSqlite(stateDirectory, time, secrets)
            : ControllerState.OpenAsync(location, stateDirectory, time, CancellationToken.None).GetAwaiter().GetResult().OpenStore(secrets);
    }

    /// <summary>Like <see cref="OpenConfigured"/>, creating the embedded store when missing.</summary>
    public static IStateStore OpenOrCreateConfigured(string stateDirectory, TimeProvider time, SecretValues? secrets = null) =>
        OpenConfigured(stateDirectory, time, secrets) ?? OpenSqlite(stateDirectory, time, secrets);

    /// <summary>The embedded store of <paramref name="stateDirectory"/>, created when missing.</summary>
    public static IStateStore OpenSqlite(string stateDirectory, TimeProvider time, SecretValues? secrets = null) =>
        new SqliteStateStore(Path.Combine(stateDirectory, SqliteFile), time, secrets);
}
