using Greenlight.Core.Files;
using Greenlight.Migrations.Lint;
using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Scripts;

/// <summary>The scripts found in a folder, plus every naming problem found on the way (all of them, not the first).</summary>
internal sealed record ScriptCatalog(IReadOnlyList<MigrationScript> Scripts, IReadOnlyList<ValidationProblem> Problems)
{
    public IEnumerable<MigrationScript> Versioned => Scripts.Where(s => !s.IsRepeatable);

    public IEnumerable<MigrationScript> Repeatable => Scripts.Where(s => s.IsRepeatable);

    public static ScriptCatalog Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new MigrationException($"The migrations folder '{folder}' does not exist.");
        }
        var scripts = new List<MigrationScript>();
        var problems = new List<ValidationProblem>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            var reason = ScriptFileName.TryParse(fileName, out var version, out var description);
            if (reason is not null)
            {
                problems.Add(new ValidationProblem(fileName, $"{fileName}: invalid migration name: {reason}."));
                continue;
            }
            // Opening a FIFO would block until a writer comes; a script that is not a file cannot be applied anyway.
            if (FileKinds.TargetOf(path) == FileKind.Special)
            {
                problems.Add(new ValidationProblem(fileName, $"{fileName}: {FileKinds.SpecialReason}."));
                continue;
            }
            var sql = File.ReadAllText(path);
            scripts.Add(new MigrationScript(version, description, fileName, sql, FlywayChecksum.Compute(sql), Phase(sql)));
        }
        problems.AddRange(Duplicates(scripts));
        return new ScriptCatalog(scripts.OrderBy(s => s.Version).ToList(), problems);
    }

    // The linter reads the same header, so the engine and the linter can never disagree on a script's phase.
    private static MigrationPhase Phase(string sql) => Directives.Phase(SqlTokenizer.Tokenize(sql)) ?? MigrationPhase.Expand;

    private static IEnumerable<ValidationProblem> Duplicates(List<MigrationScript> scripts) =>
        scripts.GroupBy(s => (s.Version, s.IsRepeatable ? s.Description : ""))
            .Where(g => g.Count() > 1)
            .Select(g => new ValidationProblem(
                g.First().FileName,
                $"Duplicate {(g.First().IsRepeatable ? "repeatable description" : "version")} in {string.Join(", ", g.Select(s => s.FileName))}."));
}
