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
                var sqlite = new SqliteConnection(options.ConnectionString);
                await sqlite.OpenAsync(ct);
                return new SqliteMigrationDatabase(sqlite, options.HistoryTable);
            case DatabaseProvider.PostgreSql:
                var postgres = new NpgsqlConnection(options.ConnectionString);
                await postgres.OpenAsync(ct);
                return new PostgresMigrationDatabase(postgres, options.HistoryTable);
            default:
                throw new MigrationException($"Unknown database provider {options.Provider}.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex Identifier();
}
