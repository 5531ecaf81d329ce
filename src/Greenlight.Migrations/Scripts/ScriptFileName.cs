namespace Greenlight.Migrations.Scripts;

/// <summary>Flyway's naming: <c>V&lt;version&gt;__&lt;description&gt;.sql</c> and <c>R__&lt;description&gt;.sql</c>.</summary>
internal static class ScriptFileName
{
    private const string Separator = "__";

    /// <summary>Returns null for a well-formed name, else the reason it is not one.</summary>
    public static string? TryParse(string fileName, out MigrationVersion? version, out string description)
    {
        version = null;
        description = "";
        if (!fileName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        {
            return "not a .sql file";
        }
        var stem = fileName[..^4];
        var split = stem.IndexOf(Separator, StringComparison.Ordinal);
        if (split < 0)
        {
            return "no '__' between the prefix and the description";
        }
        description = stem[(split + Separator.Length)..].Replace('_', ' ').Trim();
        var prefix = stem[..split];
        if (prefix == "R")
        {
            return description.Length == 0 ? "a repeatable script needs a description" : null;
        }
        if (prefix.Length < 2 || prefix[0] != 'V')
        {
            return "the name must start with V<version>__ or R__";
        }
        return MigrationVersion.TryParse(prefix[1..], out version)
            ? null
            : $"'{prefix[1..]}' is not a version: use numbers separated by '.' or '_'";
    }
}
