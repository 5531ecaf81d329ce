namespace Greenlight.Engine.State.Postgres;

/// <summary>A versioned migration script of the state schema: its Flyway name (V1__state.sql) and its SQL.</summary>
internal sealed record SchemaScript(string FileName, string Sql);

/// <summary>The state schema's scripts, embedded in this assembly from Schema/ (one per version, never edited once released).</summary>
internal static class SchemaScripts
{
    private const string Prefix = "Greenlight.Engine.State.Postgres.Schema.";

    public static IReadOnlyList<SchemaScript> Embedded()
    {
        var assembly = typeof(SchemaScripts).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new SchemaScript(n[Prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }
}
