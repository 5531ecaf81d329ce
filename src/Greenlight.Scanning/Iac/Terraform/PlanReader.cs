using System.Text;
using System.Text.Json;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>Reads the output of <c>terraform show -json plan.out</c>; other JSON files are not plans and are left alone.</summary>
internal static class PlanReader
{
    // Deeply nested modules and attribute values (policies, container definitions) go past the default depth of 64.
    public const int MaxDepth = 512;

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth };

    /// <returns>null when the JSON is not a Terraform plan.</returns>
    /// <exception cref="InvalidDataException">The file looks like a plan but is not valid JSON.</exception>
    public static TerraformPlan? Read(string file, byte[] bytes)
    {
        var json = bytes.AsMemory(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            // Skipping a broken plan would pass the gate blind; any other broken JSON is not ours to judge.
            if (!LooksLikePlan(json.Span)) return null;
            throw new InvalidDataException(
                $"{file}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: cannot read Terraform plan JSON: {e.Message}", e);
        }
        if (!IsPlan(root)) return null;
        var lines = PlanLines.Of(json.Span);
        var resources = root.Property("planned_values")?.Property("root_module") is { } module ? Collect(module, lines).ToList() : [];
        return new TerraformPlan(resources, new PlanConfiguration(root));
    }

    private static bool IsPlan(JsonElement root) =>
        root.String("format_version") is not null
        && (root.Property("planned_values") is not null || root.Property("resource_changes") is not null);

    private static bool LooksLikePlan(ReadOnlySpan<byte> json) =>
        json.IndexOf("\"format_version\""u8) >= 0
        && (json.IndexOf("\"planned_values\""u8) >= 0 || json.IndexOf("\"resource_changes\""u8) >= 0);

    private static IEnumerable<PlanResource> Collect(JsonElement module, IReadOnlyDictionary<string, int> lines)
    {
        var modulePath = ResourceAddress.WithoutInstanceKeys(module.String("address") ?? "");
        foreach (var r in module.Items("resources"))
        {
            if (r.String("mode") == "data" || r.String("address") is not { } address || r.String("type") is not { } type) continue;
            var configAddress = ResourceAddress.InModule(modulePath, $"{type}.{r.String("name")}");
            yield return new PlanResource(address, type, modulePath, configAddress, r.Property("values") ?? default, lines.GetValueOrDefault(address, 1));
        }
        foreach (var child in module.Items("child_modules"))
        {
            foreach (var resource in Collect(child, lines)) yield return resource;
        }
    }
}
