using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Greenlight.Testing.Postgres;
using Microsoft.Data.Sqlite;
using MigrationsBench;

var count = Env("COUNT", 500);
var rounds = Env("ROUNDS", 5);
var work = Directory.CreateTempSubdirectory("greenlight-bench-migrations-").FullName;
try
{
    var folder = Path.Combine(work, "migrations");
    var generated = Generator.Write(folder, count);
    var warmFolder = Path.Combine(work, "warmup");
    var warm = Generator.Write(warmFolder, 24).Tables;
    Console.WriteLine($"{generated.Scripts} migrations ({generated.Tables} tables, {generated.Rows} rows inserted), {rounds} rounds, order alternating");
    Console.WriteLine("transactions: DbUp WithTransactionPerScript, Evolve CommitEach, Greenlight its default; every run on an empty database");

    List<ITool> tools = [.. GreenlightTools.All, new DbUpTool(), new EvolveTool()];
    await using var postgres = await PostgresServer.StartAsync();
    Console.WriteLine($"PostgreSQL: {postgres.Version}, throwaway cluster on {postgres.Host}:{postgres.Port}");
    var sqliteVersion = SqliteVersion(work);
    Console.WriteLine($"SQLite: {sqliteVersion} (Microsoft.Data.Sqlite, file on {work})");

    var runs = 0;
    async Task<double> Run(ITool tool, Database database, string scripts, int expectedTables)
    {
        var id = $"{tool.Name.ToLowerInvariant()}_{++runs}";
        string connectionString;
        if (database == Database.Sqlite)
        {
            connectionString = $"Data Source={Path.Combine(work, id + ".db")}";
        }
        else
        {
            connectionString = await postgres.CreateDatabaseAsync(id);
        }

        try
        {
            var clock = Stopwatch.StartNew();
            tool.Apply(database, connectionString, scripts);
            var seconds = clock.Elapsed.TotalSeconds;
            Verify(database, connectionString, expectedTables, tool.Name);
            return seconds;
        }
        finally
        {
            if (database == Database.Sqlite)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in Directory.EnumerateFiles(work, id + ".db*")) File.Delete(file);
            }
            else
            {
                await postgres.DropDatabaseAsync(id);
            }
        }
    }

    // Warm-up: JIT, connection pools and the server's caches, for every tool on both databases. Not timed.
    // A tool that fails is reported (table, JSON, exit code) and not run again on that database; the others go on.
    var failures = new Dictionary<(string Tool, Database Database), string>();
    async Task<double?> TryRun(ITool tool, Database database, string scripts, int expectedTables)
    {
        if (failures.ContainsKey((tool.Name, database))) return null;
        try
        {
            return await Run(tool, database, scripts, expectedTables);
        }
        catch (Exception e)
        {
            failures[(tool.Name, database)] = e.GetType().Name + ": " + e.Message.Split('\n')[0];
            Console.Error.WriteLine($"{tool.Name} failed on {Label(database)}: {e}");
            return null;
        }
    }

    foreach (var database in Enum.GetValues<Database>())
        foreach (var tool in tools)
            await TryRun(tool, database, warmFolder, warm);

    var times = new Dictionary<(string Tool, Database Database), List<double>>();
    for (var round = 0; round < rounds; round++)
    {
        // Alternate the order: whoever runs first or last in a round gets no systematic edge.
        var order = round % 2 == 0 ? tools : Enumerable.Reverse(tools).ToList();
        foreach (var database in round % 2 == 0 ? [Database.Sqlite, Database.Postgres] : new[] { Database.Postgres, Database.Sqlite })
            foreach (var tool in order)
            {
                if (await TryRun(tool, database, folder, generated.Tables) is not { } seconds) continue;
                if (!times.TryGetValue((tool.Name, database), out var list)) times[(tool.Name, database)] = list = [];
                list.Add(seconds);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: {tool.Name,-10} {Label(database),-10} {seconds:0.000} s"));
            }
    }

    // Best round of each: on a small shared machine the slower rounds measure the neighbours.
    double? Best(string tool, Database database) => times.TryGetValue((tool, database), out var list) ? list.Min() : null;
    double? Median(string tool, Database database) =>
        times.TryGetValue((tool, database), out var list) ? list.Order().ElementAt(list.Count / 2) : null;
    double? Ratio(double? greenlight, double? peer) => greenlight is { } g && peer is { } p && p > 0 ? Math.Round(g / p, 3) : null;

    Console.WriteLine();
    Console.WriteLine($"{"tool",-12} {"database",-10} {"best s",9} {"median s",9} {"vs Greenlight",14}");
    foreach (var database in Enum.GetValues<Database>())
        foreach (var tool in tools)
        {
            if (Best(tool.Name, database) is not { } best)
            {
                Console.WriteLine($"{tool.Name,-12} {Label(database),-10} FAILED: {failures.GetValueOrDefault((tool.Name, database))}");
                continue;
            }

            var greenlight = Best(GreenlightTools.Name, database);
            var ratio = greenlight is { } g ? string.Create(CultureInfo.InvariantCulture, $"{best / g:0.00}x") : "n/a";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{tool.Name,-12} {Label(database),-10} {best,9:0.000} {Median(tool.Name, database),9:0.000} {ratio,14}"));
        }

    Console.WriteLine("(vs Greenlight: the tool's time / Greenlight's; above 1 means Greenlight is faster. JSON ratios are the inverse: Greenlight / peer.)");
    var lint = LintBench.Run(folder, rounds);
    lint.Print();
    var json = new Dictionary<string, object?>
    {
        ["sqlite_vs_dbup"] = Ratio(Best(GreenlightTools.Name, Database.Sqlite), Best("DbUp", Database.Sqlite)),
        ["sqlite_vs_evolve"] = Ratio(Best(GreenlightTools.Name, Database.Sqlite), Best("Evolve", Database.Sqlite)),
        ["pg_vs_dbup"] = Ratio(Best(GreenlightTools.Name, Database.Postgres), Best("DbUp", Database.Postgres)),
        ["pg_vs_evolve"] = Ratio(Best(GreenlightTools.Name, Database.Postgres), Best("Evolve", Database.Postgres)),
        ["migrations"] = count,
        ["rounds"] = rounds,
        ["greenlight_integrated"] = GreenlightTools.All.Count > 0,
        ["seconds"] = times.ToDictionary(
            entry => $"{entry.Key.Tool.ToLowerInvariant()}_{(entry.Key.Database == Database.Sqlite ? "sqlite" : "pg")}",
            entry => new { best = Math.Round(entry.Value.Min(), 4), median = Math.Round(Median(entry.Key.Tool, entry.Key.Database)!.Value, 4), all = entry.Value.Select(s => Math.Round(s, 4)) }),
        ["failures"] = failures.ToDictionary(
            entry => $"{entry.Key.Tool.ToLowerInvariant()}_{(entry.Key.Database == Database.Sqlite ? "sqlite" : "pg")}", entry => entry.Value),
        ["postgres"] = postgres.Version,
        ["sqlite"] = sqliteVersion,
    };
    foreach (var (key, value) in lint.Json()) json[key] = value;
    Console.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    if (failures.Count > 0) Environment.ExitCode = 1;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

static string Label(Database database) => database == Database.Sqlite ? "SQLite" : "PostgreSQL";

static int Env(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

static string SqliteVersion(string work)
{
    using var connection = new SqliteConnection("Data Source=:memory:");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "select sqlite_version()";
    return (string)command.ExecuteScalar()!;
}

// Every generated table exists, and the history table aside nothing else: the tool applied every script.
static void Verify(Database database, string connectionString, int expectedTables, string tool)
{
    using var connection = Connections.Open(database, connectionString);
    using var command = connection.CreateCommand();
    command.CommandText = database == Database.Sqlite
        ? "select count(*) from sqlite_master where type = 'table' and name like 'bench\\_%' escape '\\'"
        : "select count(*) from information_schema.tables where table_schema = 'public' and table_name like 'bench\\_%'";
    var tables = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    if (tables != expectedTables) throw new InvalidOperationException($"{tool} on {database}: {tables} tables, expected {expectedTables}");
}
