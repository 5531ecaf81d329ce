using System.Data.Common;
using DbUp;
using DbUp.Engine;
using EvolveDb;
using EvolveDb.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MigrationsBench;

internal enum Database { Sqlite, Postgres }

/// <summary>A migration tool applying every script of a folder to an empty database, one transaction per script.</summary>
internal interface ITool
{
    string Name { get; }

    void Apply(Database database, string connectionString, string folder);
}

internal static class Connections
{
    public static DbConnection Open(Database database, string connectionString)
    {
        DbConnection connection = database == Database.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }
}

internal sealed class DbUpTool : ITool
{
    public string Name => "DbUp";

    public void Apply(Database database, string connectionString, string folder)
    {
        var builder = database == Database.Sqlite
            ? DeployChanges.To.SqliteDatabase(connectionString)
            : DeployChanges.To.PostgresqlDatabase(connectionString);
        var result = builder
            .WithScriptsFromFileSystem(folder)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful) throw new InvalidOperationException($"DbUp failed on {result.ErrorScript?.Name}: {result.Error}");
    }
}

internal sealed class EvolveTool : ITool
{
    public string Name => "Evolve";

    public void Apply(Database database, string connectionString, string folder)
    {
        using var connection = Connections.Open(database, connectionString);
        var evolve = new Evolve(connection, _ => { })
        {
            Locations = [folder],
            IsEraseDisabled = true,
            TransactionMode = TransactionKind.CommitEach,
            EnableClusterMode = database == Database.Postgres, // its default; SQLite has no advisory lock
        };
        evolve.Migrate();
    }
}
