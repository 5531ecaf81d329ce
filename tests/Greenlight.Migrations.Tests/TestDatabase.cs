using System.Data.Common;
using Dapper;
using Greenlight.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Greenlight.Migrations.Tests;

/// <summary>A fresh, real database of one provider (a SQLite file, or a new database on a throwaway PostgreSQL server) plus a scripts folder.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    // One server for the whole test run: starting a cluster takes seconds, a database takes milliseconds.
    private static readonly Lazy<Task<PostgresServer>> Server = new(() => PostgresServer.StartAsync());

    private TestDatabase(DatabaseProvider provider, string connectionString, string directory)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Directory = directory;
        System.IO.Directory.CreateDirectory(ScriptsFolder);
    }

    public static TheoryData<string> Providers => ["sqlite", "postgresql"];

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public string Directory { get; }

    public string ScriptsFolder => Path.Combine(Directory, "sql");

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "greenlight-migrations-" + Guid.NewGuid().ToString("N"));
        if (provider == "sqlite")
        {
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "app.db")};Pooling=False", directory);
        }
        var server = await Server.Value;
        var connectionString = await server.CreateDatabaseAsync("m" + Guid.NewGuid().ToString("N")[..12]);
        return new TestDatabase(DatabaseProvider.PostgreSql, connectionString, directory);
    }

    public MigratorOptions Options(string historyTable = "greenlight_schema_history") => new()
    {
        ConnectionString = ConnectionString,
        Provider = Provider,
        ScriptsFolder = ScriptsFolder,
        HistoryTable = historyTable,
        InstalledBy = "tester",
    };

    public Migrator Migrator(Func<MigratorOptions, MigratorOptions>? configure = null) =>
        new(configure is null ? Options() : configure(Options()));

    public void Script(string fileName, string sql)
    {
        var path = Path.Combine(ScriptsFolder, fileName);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sql);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = Open();
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException($"no value from {sql}");
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await connection.ExecuteAsync(sql);
    }

    public async Task<IReadOnlyList<(string? Version, string Script, bool Success)>> HistoryAsync(string table = "greenlight_schema_history")
    {
        await using var connection = Open();
        var rows = await connection.QueryAsync<(string?, string, long)>(
            $"SELECT version, script, CAST(CASE WHEN success THEN 1 ELSE 0 END AS BIGINT) FROM \"{table}\" ORDER BY installed_rank");
        return rows.Select(r => (r.Item1, r.Item2, r.Item3 == 1)).ToList();
    }

    public Task<bool> TableExistsAsync(string table) => Provider == DatabaseProvider.Sqlite
        ? ScalarAsync<bool>($"SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '{table}'")
        : ScalarAsync<bool>($"SELECT to_regclass('{table}') IS NOT NULL");

    public DbConnection Open()
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
