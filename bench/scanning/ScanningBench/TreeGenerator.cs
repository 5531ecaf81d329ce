using System.Text;

namespace ScanningBench;

/// <summary>What was generated: its size and every planted secret's place.</summary>
internal sealed record GeneratedTree(long Bytes, int Files, IReadOnlyList<Planted> Planted);

/// <summary>
/// Writes a deterministic tree of mixed source (same seed, same bytes) of sizes from a few KB to a few hundred KB,
/// and plants secrets of every kind at spread-out places, recording file and line of each.
/// </summary>
internal static class TreeGenerator
{
    private const int MinFileBytes = 2 * 1024;
    private const int MaxFileBytes = 400 * 1024; // well below the scanner's 2 MB per-file limit

    // Typical largest sizes where they are smaller than MaxFileBytes: nobody keeps 400 KB of .env or README.
    private static readonly Dictionary<string, int> MaxBytesOf = new() { ["env"] = 8 * 1024, ["md"] = 64 * 1024 };
    private const int PlantEvery = 7;            // coprime with the 9 languages, so secrets land in every kind of file

    private static readonly Dictionary<string, string> Extensions = new()
    {
        ["cs"] = ".cs", ["ts"] = ".ts", ["js"] = ".js", ["py"] = ".py", ["go"] = ".go",
        ["yaml"] = ".yaml", ["json"] = ".json", ["env"] = ".env", ["md"] = ".md",
    };

    public static GeneratedTree Generate(string root, long targetBytes, int seed = 20261129)
    {
        var rng = new Random(seed);
        var lines = new SourceLines(rng);
        var secrets = new PlantedSecrets(rng);
        var planted = new List<Planted>();
        long bytes = 0;
        var files = 0;
        var text = new StringBuilder();
        while (bytes < targetBytes)
        {
            var language = SourceLines.Languages[files % SourceLines.Languages.Length];
            var relative = $"services/svc-{files % 40:00}/{Folder(language)}/{language}-{files:00000}{Extensions[language]}";
            // Log-uniform sizes: many small files, a few large ones, as in real repositories.
            var size = (int)(MinFileBytes * Math.Pow((double)MaxBytesOf.GetValueOrDefault(language, MaxFileBytes) / MinFileBytes, rng.NextDouble()));
            var lineNo = 0;
            var plantAt = files % PlantEvery == 0 ? rng.Next(size) : -1;
            text.Clear();
            while (text.Length < size)
            {
                if (plantAt >= 0 && text.Length >= plantAt)
                {
                    var kind = PlantedSecrets.Kinds[planted.Count % PlantedSecrets.Kinds.Length];
                    planted.Add(new(relative, lineNo + 1, kind));
                    foreach (var l in secrets.Lines(kind, language)) { text.Append(l).Append('\n'); lineNo++; }
                    plantAt = -1;
                }
                text.Append(lines.Line(language)).Append('\n');
                lineNo++;
            }
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var content = Encoding.UTF8.GetBytes(text.ToString());
            File.WriteAllBytes(path, content);
            bytes += content.Length;
            files++;
        }
        return new(bytes, files, planted);
    }

    private static string Folder(string language) => language switch
    {
        "yaml" or "json" or "env" => "config",
        "md" => "docs",
        "ts" or "js" => "web",
        _ => "src",
    };
}
