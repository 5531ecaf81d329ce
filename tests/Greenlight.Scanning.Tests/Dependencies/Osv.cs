using System.Text.Json;
using Greenlight.Scanning.Dependencies;

namespace Greenlight.Scanning.Tests.Dependencies;

/// <summary>Builds osv.dev-format JSON for fixtures.</summary>
internal static class Osv
{
    public static string Record(
        string id, string ecosystem, string name, object[]? events = null, string[]? versions = null,
        string? severity = null, string? cvss = null, string[]? aliases = null)
    {
        var affected = new Dictionary<string, object>
        {
            ["package"] = new { ecosystem, name },
            ["ranges"] = events is null ? Array.Empty<object>() : new object[] { new { type = "ECOSYSTEM", events } },
            ["versions"] = versions ?? [],
        };
        var record = new Dictionary<string, object>
        {
            ["id"] = id,
            ["aliases"] = aliases ?? [],
            ["summary"] = "test advisory " + id,
            ["affected"] = new[] { affected },
        };
        if (severity is not null)
        {
            record["database_specific"] = new { severity };
        }
        if (cvss is not null)
        {
            record["severity"] = new[] { new { type = "CVSS_V3", score = cvss } };
        }
        return JsonSerializer.Serialize(record);
    }

    public static object Introduced(string v) => new { introduced = v };

    public static object Fixed(string v) => new { @fixed = v };

    public static object LastAffected(string v) => new { last_affected = v };

    public static OsvDatabase Database(TempTree tree, params string[] records)
    {
        for (var i = 0; i < records.Length; i++)
        {
            tree.Write($"osv/r{i}.json", records[i]);
        }
        return OsvDatabase.Load(Path.Combine(tree.Root, "osv"));
    }

    public static ResolvedPackage NuGet(string name, string version) => new(Ecosystems.NuGet, name, version, "f", true);

    public static ResolvedPackage Npm(string name, string version) => new(Ecosystems.Npm, name, version, "f", true);
}
