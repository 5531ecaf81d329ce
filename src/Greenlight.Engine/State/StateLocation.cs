using System.Collections;
using Greenlight.Core.Secrets;
using Greenlight.Engine.State.Postgres;
using Npgsql;

namespace Greenlight.Engine.State;

/// <summary>
/// Where a controller keeps its state: the embedded SQLite file of its state directory (the default), or a PostgreSQL
/// database that several controllers share. Chosen by <c>greenlight up --state</c>, else <see cref="Variable"/>, else
/// what <c>up</c> recorded in the state directory, so that <c>down</c>, <c>audit</c> and the others find it too.
/// </summary>
public sealed class StateLocation
{
    /// <summary>The environment variable that may hold the connection, password included (never the command line).</summary>
    public const string Variable = "GREENLIGHT_STATE";

    /// <summary>In the state directory: the location <c>up</c> last used, without any password.</summary>
    public const string RecordFile = "state-location";

    private StateLocation(string? postgres) => Postgres = postgres;

    public static StateLocation Sqlite { get; } = new(null);

    /// <summary>Npgsql's key=value connection string; null for the embedded SQLite store.</summary>
    public string? Postgres { get; }

    /// <summary>What messages and logs may show: never a password.</summary>
    public override string ToString() => Postgres is null ? "sqlite" : PostgresStateDatabase.Describe(Postgres);

    /// <summary>The option, else the variable, else the record of <paramref name="stateDirectory"/>, else SQLite.</summary>
    public static StateLocation Resolve(string? option, IDictionary environment, string stateDirectory)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return Parse(option, "--state", passwordAllowed: false);
        if (environment[Variable] is string variable && !string.IsNullOrWhiteSpace(variable))
            return Parse(variable, Variable, passwordAllowed: true);
        var record = Path.Combine(stateDirectory, RecordFile);
        return File.Exists(record) ? Parse(File.ReadAllText(record).Trim(), record, passwordAllowed: false) : Sqlite;
    }

    /// <summary>Records this location in <paramref name="stateDirectory"/> (its password left out: it stays where it came from).</summary>
    public void Record(string stateDirectory)
    {
        var record = Path.Combine(stateDirectory, RecordFile);
        if (Postgres is null)
        {
            if (File.Exists(record))
                File.Delete(record);
            return;
        }
        OwnerOnly.CreateDirectory(stateDirectory);
        OwnerOnly.WriteAllText(record, new NpgsqlConnectionStringBuilder(Postgres) { Password = null }.ConnectionString + "\n");
    }

    /// <summary><c>sqlite</c>, <c>postgres://user@host:port/database?sslmode=require</c>, or Npgsql's <c>Host=…;Database=…</c>.</summary>
    /// <param name="source">Where the text came from, as the error names it.</param>
    public static StateLocation Parse(string text, string source, bool passwordAllowed)
    {
        text = text.Trim();
        if (text.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            return Sqlite;
        var builder = text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? PostgresUri.Parse(text, source)
            : text.Contains('=') ? KeyValue(text, source)
            : throw new StateLocationException($"{source}: expected sqlite, postgres://user@host:port/database or Host=…;Database=…;Username=…");
        if (!string.IsNullOrEmpty(builder.Password) && !passwordAllowed)
            throw new StateLocationException(
                $"{source}: a password inline is refused (it would show in the process list, shell history and logs); give it through PGPASSWORD, a passfile (~/.pgpass or PGPASSFILE), or put the whole connection in {Variable}");
        if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
            throw new StateLocationException($"{source}: the PostgreSQL connection must name a host and a database, e.g. postgres://greenlight@db.internal:5432/greenlight");
        return new StateLocation(builder.ConnectionString);
    }

    // The text itself is never quoted back: it may hold a password.
    private static NpgsqlConnectionStringBuilder KeyValue(string text, string source)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException e)
        {
            throw new StateLocationException($"{source}: not a PostgreSQL connection string Npgsql can read ({e.Message.Split('\n')[0]})");
        }
    }
}

/// <summary>The state location given cannot be used; the message names where it came from and never holds a password.</summary>
public sealed class StateLocationException(string message) : Exception(message);
