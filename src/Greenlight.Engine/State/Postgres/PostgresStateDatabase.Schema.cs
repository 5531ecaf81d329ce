using Dapper;
using Greenlight.Migrations;
using Npgsql;

namespace Greenlight.Engine.State.Postgres;

internal sealed partial class PostgresStateDatabase
{
    /// <summary>The schema's own history (Flyway's columns), apart from any history of the apps' own migrations.</summary>
    public const string HistoryTable = "greenlight_state_history";

    /// <summary>Taken while the schema is created: two controllers starting at once would race on the same CREATE. "glstate".</summary>
    private const long CreateLock = 0x676c7374617465;

    /// <summary>
    /// Brings the schema up to the scripts with Greenlight's own migration engine: pending versions are applied in
    /// order, each in its transaction with its history row; what is applied already is not run again, so opening an
    /// up-to-date database writes nothing. The engine holds an advisory lock keyed by the history table for the whole
    /// run: of two controllers opening the database at once, the second waits, then finds nothing pending.
    /// </summary>
    private static async Task MigrateAsync(NpgsqlDataSource source, string connectionString, IReadOnlyList<SchemaScript> scripts, string described, CancellationToken ct)
    {
        await CreateSchemaAsync(source, ct);
        // The engine reads a folder: the embedded scripts are written to one of this run's own.
        var folder = Directory.CreateTempSubdirectory("greenlight-state-schema-");
        try
        {
            foreach (var script in scripts)
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, script.FileName), script.Sql, ct);
            var result = await new Migrator(new MigratorOptions
            {
                ConnectionString = connectionString,
                Provider = DatabaseProvider.PostgreSql,
                ScriptsFolder = folder.FullName,
                HistoryTable = HistoryTable,
            }).MigrateAsync(PhaseFilter.All, ct);
            if (result.Failure is { } failure)
                throw new StateSchemaException($"The state schema on {described} could not be upgraded: {failure.Message}");
        }
        catch (MigrationException e)
        {
            throw new StateSchemaException($"The state schema \"{Schema}\" on {described} cannot be used: {e.Message}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Only when missing: CREATE SCHEMA needs the CREATE privilege on the database even with IF NOT EXISTS,
    /// and a database administrator may have created the schema for a user who lacks it.</summary>
    private static async Task CreateSchemaAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        await using var db = await source.OpenConnectionAsync(ct);
        if (await db.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @Schema)", new { Schema }))
            return;
        await using var tx = await db.BeginTransactionAsync(ct);
        await db.ExecuteAsync($"SELECT pg_advisory_xact_lock({CreateLock}); CREATE SCHEMA IF NOT EXISTS {Schema}", transaction: tx);
        await tx.CommitAsync(ct);
    }
}

/// <summary>The state schema is missing a script this Greenlight ships, has one it does not know (a newer Greenlight
/// upgraded it), or an upgrade failed; the message says which.</summary>
public sealed class StateSchemaException(string message) : Exception(message);
