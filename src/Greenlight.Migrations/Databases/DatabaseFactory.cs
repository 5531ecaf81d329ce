using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Greenlight.Migrations.Databases;

internal static partial class DatabaseFactory
{
    public static async Task<MigrationDatabase> OpenAsync(MigratorOptions options, CancellationToken ct)
    {
        // The table name is spliced into SQL, so it must be a plain identifier.
        if (!Identifier().IsMatch(options.HistoryTable))
        {
            throw new MigrationException($"History table name '{options.HistoryTable}' must be letters, digits and underscores.");
        }
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                if (options.StatementTimeout is not null || options.LockTimeout is not null)
                {
                    throw new MigrationException("statementTimeout and lockTimeout are PostgreSQL server settings; SQLite cannot enforce them.");
                }
                var sqlite = new SqliteConnection(ConnectionString(options));
                await sqlite.OpenAsync(ct);
                return new SqliteMigrationDatabase(sqlite, options.HistoryTable);
            case DatabaseProvider.PostgreSql:
                var postgres = new NpgsqlConnection(ConnectionString(options));
                await postgres.OpenAsync(ct);
                var database = new PostgresMigrationDatabase(postgres, options);
                try
                {
                    await database.ApplyServerLimitsAsync(ct);
                    return database;
                }
                catch
                {
                    await database.DisposeAsync();
                    throw;
                }
            default:
                throw new MigrationException($"Unknown database provider {options.Provider}.");
        }
    }

    /// <summary>
    /// The connection string with no client-side command timeout (0: wait as long as the statement runs), since a
    /// default limit must not kill a long backfill; the server-side limits are the manifest's. A timeout the user wrote
    /// in the connection string stays, and is named when it fires.
    /// </summary>
    public static string ConnectionString(MigratorOptions options)
    {
        DbConnectionStringBuilder builder = options.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(options.ConnectionString)
            : new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        if (!TimeoutKeys.Any(given.ContainsKey))
        {
            builder[options.Provider == DatabaseProvider.Sqlite ? "Default Timeout" : "Command Timeout"] = 0;
        }
        return builder.ConnectionString;
    }

    // Npgsql's and Microsoft.Data.Sqlite's names for the command timeout (DbConnectionStringBuilder ignores case).
    private static readonly string[] TimeoutKeys = ["Command Timeout", "CommandTimeout", "Default Timeout", "DefaultTimeout"];

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex Identifier();
}
