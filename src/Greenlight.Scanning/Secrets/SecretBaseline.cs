using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Findings a team has reviewed and accepted (test fixtures, revoked keys). The file is a JSON array whose items
/// are fingerprints or objects with a "fingerprint" member, so a saved list of findings can serve as a baseline.
/// </summary>
public sealed class SecretBaseline
{
    private readonly HashSet<string> _fingerprints;

    public SecretBaseline(IEnumerable<string> fingerprints) => _fingerprints = new(fingerprints, StringComparer.Ordinal);

    public static SecretBaseline Empty { get; } = new([]);

    public int Count => _fingerprints.Count;

    public bool Contains(string fingerprint) => _fingerprints.Contains(fingerprint);

    public static SecretBaseline Load(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) as JsonArray
                ?? throw new SecretConfigException($"baseline {path}: expected a JSON array");
            return new(root.Select(item => item switch
            {
                JsonValue v => v.GetValue<string>(),
                JsonObject o => o["fingerprint"]?.GetValue<string>()
                    ?? o["Fingerprint"]?.GetValue<string>()
                    ?? throw new SecretConfigException($"baseline {path}: entry without a fingerprint"),
                _ => throw new SecretConfigException($"baseline {path}: unexpected entry {item?.ToJsonString()}"),
            }));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or IOException)
        {
            throw new SecretConfigException($"baseline {path}: {e.Message}", e);
        }
    }

    /// <summary>Writes findings (already redacted) as a baseline, to accept the current state of a tree.</summary>
    public static void Save(string path, IEnumerable<SecretFinding> findings)
    {
        var items = findings.Select(f => new { fingerprint = f.Fingerprint, rule = f.RuleId, file = f.File, line = f.Line });
        File.WriteAllText(path, JsonSerializer.Serialize(items, new JsonSerializerOptions { WriteIndented = true }));
    }
}
