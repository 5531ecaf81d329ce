using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Placeholders;

/// <summary>
/// Hands every script and callback its replaced text. Versioned checksums stay over the text on disk; a repeatable's
/// is over the replaced text, as Flyway's, so a changed placeholder value re-runs it, while a row holding the checksum
/// of the text on disk still counts as up to date.
/// </summary>
internal static class CatalogPlaceholders
{
    public static ScriptCatalog Apply(ScriptCatalog catalog, PlaceholderReplacer replacer)
    {
        var problems = new List<ValidationProblem>();
        var scripts = catalog.Scripts.Select(s => Replace(s, replacer, problems)).ToList();
        var callbacks = catalog.Callbacks.Select(c => c with { Script = c.Script with { Sql = replacer.Replace(c.Script.Sql, c.Script.FileName, problems) } }).ToList();
        return new ScriptCatalog(scripts, [.. catalog.Problems, .. problems]) { Callbacks = callbacks };
    }

    private static MigrationScript Replace(MigrationScript script, PlaceholderReplacer replacer, List<ValidationProblem> problems)
    {
        var sql = replacer.Replace(script.Sql, script.FileName, problems);
        return script.IsRepeatable && replacer.Enabled
            ? script with { Sql = sql, Checksum = FlywayChecksum.Compute(sql, hasBom: false), UnreplacedChecksum = script.Checksum }
            : script with { Sql = sql };
    }
}
