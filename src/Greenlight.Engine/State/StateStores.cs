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

    /// <summary>The embedded store of <paramref name="stateDirectory"/>, created when missing.</summary>
    public static IStateStore OpenSqlite(string stateDirectory, TimeProvider time, SecretValues? secrets = null) =>
        new SqliteStateStore(Path.Combine(stateDirectory, SqliteFile), time, secrets);
}
