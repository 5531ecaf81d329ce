using Greenlight.Core.Files;
using Greenlight.Migrations.Callbacks;
using Greenlight.Migrations.Lint;
using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Scripts;

/// <summary>
/// The scripts and Flyway SQL callbacks found in a folder and its subfolders, plus every problem found on the way (all
/// of them, not the first): badly named files, callbacks Greenlight cannot run, files that are not UTF-8.
/// </summary>
internal sealed record ScriptCatalog(IReadOnlyList<MigrationScript> Scripts, IReadOnlyList<ValidationProblem> Problems)
{
    public IReadOnlyList<SqlCallback> Callbacks { get; init; } = [];

    public IEnumerable<MigrationScript> Versioned => Scripts.Where(s => !s.IsRepeatable);

    public IEnumerable<MigrationScript> Repeatable => Scripts.Where(s => s.IsRepeatable);

    public static ScriptCatalog Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new MigrationException($"The migrations folder '{folder}' does not exist.");
        }
        var scripts = new List<MigrationScript>();
        var callbacks = new List<SqlCallback>();
        var problems = new List<ValidationProblem>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            var script = Path.GetRelativePath(folder, path).Replace('\\', '/');
            var isCallback = CallbackEvents.TryParse(fileName, out var callbackEvent, out var refusal);
            var reason = isCallback ? null : ScriptFileName.TryParse(fileName, out _, out _);
            if (refusal is not null || reason is not null)
            {
                problems.Add(new ValidationProblem(script, refusal is not null
                    ? $"{script}: a Flyway '{callbackEvent}' callback, {refusal}; remove it or move it out of the migrations folder."
                    : $"{script}: invalid migration name: {reason}."));
                continue;
            }
            // Opening a FIFO would block until a writer comes; a script that is not a file cannot be applied anyway.
            if (FileKinds.TargetOf(path) == FileKind.Special)
            {
                problems.Add(new ValidationProblem(script, $"{script}: {FileKinds.SpecialReason}."));
                continue;
            }
            var text = ScriptText.Read(path, script, out var notUtf8);
            if (notUtf8 is not null)
            {
                problems.Add(new ValidationProblem(script, notUtf8 + "."));
                continue;
            }
            var sql = ScriptText.WithoutBom(text);
            if (isCallback)
            {
                callbacks.Add(new SqlCallback(callbackEvent, new MigrationScript(null, CallbackEvents.Description(fileName), script, sql, 0, MigrationPhase.Expand)));
                continue;
            }
            ScriptFileName.TryParse(fileName, out var version, out var description);
            scripts.Add(new MigrationScript(version, description, script, sql, FlywayChecksum.Compute(text), Phase(sql)));
        }
        problems.AddRange(Duplicates(scripts));
        problems.AddRange(callbacks.GroupBy(c => Path.GetFileName(c.Script.FileName)).Where(g => g.Count() > 1)
            .Select(g => new ValidationProblem(g.First().Script.FileName, $"Duplicate callback {g.Key} in {string.Join(", ", g.Select(c => c.Script.FileName))}.")));
        return new ScriptCatalog(scripts.OrderBy(s => s.Version).ToList(), problems)
        {
            // Flyway's order within an event: the one without a description first, then by description.
            Callbacks = callbacks.OrderBy(c => c.Script.Description, StringComparer.Ordinal).ToList(),
        };
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
