using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Engine.State;
using Greenlight.Engine.State.Postgres;

namespace Greenlight.Cli.Commands;

/// <summary>`--state` of `up` and `down`, and the errors of opening the state as a command's errors.</summary>
internal static class StateOption
{
    public static Option<string?> Create() => new("--state")
    {
        Description = "Where the controller keeps its state: sqlite (.greenlight/state.db) or PostgreSQL, postgres://user@host:port/database "
            + $"or Host=…;Database=…;Username=…; never a password here (PGPASSWORD, ~/.pgpass, or the whole connection in {StateLocation.Variable}). "
            + $"Default: ${StateLocation.Variable}, else what `up` last used in this state directory, else sqlite",
    };

    /// <summary>The location of the option, else the environment's, else what the state directory recorded.</summary>
    public static StateLocation Resolve(ParseResult result, Option<string?> option, string stateDirectory)
    {
        try
        {
            return StateLocation.Resolve(result.GetValue(option), Environment.GetEnvironmentVariables(), stateDirectory);
        }
        catch (StateLocationException e)
        {
            throw new CliException(ExitCodes.Rejected, e.Message);
        }
    }

    /// <summary>What makes the state unusable (a bad location, an unreachable database, a schema of another version)
    /// becomes the command's error; its message names the database, never a password.</summary>
    public static T Guard<T>(Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is StateLocationException or StateSchemaException)
        {
            throw new CliException(ExitCodes.Error, e.Message);
        }
    }

    public static async Task<T> GuardAsync<T>(Func<Task<T>> open)
    {
        try
        {
            return await open();
        }
        catch (Exception e) when (e is StateLocationException or StateSchemaException)
        {
            throw new CliException(ExitCodes.Error, e.Message);
        }
    }
}
