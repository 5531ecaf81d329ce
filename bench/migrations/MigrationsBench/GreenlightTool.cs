using Greenlight.Migrations;

namespace MigrationsBench;

/// <summary>Greenlight's <see cref="Migrator"/>: validate, lock, apply every pending script (both phases).</summary>
internal sealed class GreenlightTool : ITool
{
    public string Name => GreenlightTools.Name;

    public void Apply(Database database, string connectionString, string folder)
    {
        var migrator = new Migrator(new MigratorOptions
        {
            ConnectionString = connectionString,
            Provider = database == Database.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql,
            ScriptsFolder = folder,
        });
        var result = migrator.MigrateAsync().GetAwaiter().GetResult();
        if (!result.Succeeded) throw new InvalidOperationException($"Greenlight failed on {result.Failure!.Script}: {result.Failure.Message}");
    }
}

internal static class GreenlightTools
{
    public const string Name = "Greenlight";

    public static IReadOnlyList<ITool> All { get; } = [new GreenlightTool()];
}
