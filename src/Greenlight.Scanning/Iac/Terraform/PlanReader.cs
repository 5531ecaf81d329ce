using System.Text;
using System.Text.Json;
using Greenlight.Scanning.Text;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>
/// Reads the output of <c>terraform show -json plan.out</c> in any encoding <see cref="TextDecoding"/> reads; other JSON
/// files are not plans and are left alone.
/// </summary>
internal static class PlanReader
{
    // Deeply nested modules and attribute values (policies, container definitions) go past the default depth of 64.
    public const int MaxDepth = 512;

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth };

    /// <returns>null when the file is not a Terraform plan.</returns>
    /// <exception cref="InvalidDataException">
    /// The file is a plan by its name (*.tfplan.json) or by its keys, but cannot be decoded or parsed, or holds no plan.
    /// </exception>
    public static TerraformPlan? Read(string file, byte[] bytes)
    {
        // Skipping a broken plan would pass the gate blind; any other broken JSON is not ours to judge.
        ReadOnlyMemory<byte> json;
        try
        {
            json = TextDecoding.ToUtf8(file, bytes);
        }
        catch (InvalidDataException) when (!IsCandidate(file, Encoding.UTF8.GetBytes(TextDecoding.Lenient(bytes))))
        {
            return null;
        }
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            if (!IsCandidate(file, json.Span)) return null;
            throw new InvalidDataException(
                $"{file}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: cannot read Terraform plan JSON: {e.Message}", e);
        }
        if (!IsPlan(root))
        {
            return !IsNamedAsPlan(file) ? null : throw new InvalidDataException(
                $"{file}: named as a Terraform plan but holds none: expected the output of `terraform show -json`, an object with format_version and planned_values or resource_changes");
        }
        var lines = PlanLines.Of(json.Span);
        var resources = root.Property("planned_values")?.Property("root_module") is { } module ? Collect(module, lines).ToList() : [];
        return new TerraformPlan(resources, new PlanConfiguration(root));
    }

    private static bool IsPlan(JsonElement root) =>
        root.String("format_version") is not null
        && (root.Property("planned_values") is not null || root.Property("resource_changes") is not null);

    private static bool IsNamedAsPlan(string file) => file.EndsWith(".tfplan.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the file should hold a plan, judged without parsing it: by its name or by a plan's keys.</summary>
    private static bool IsCandidate(string file, ReadOnlySpan<byte> json) =>
        IsNamedAsPlan(file)
        || (json.IndexOf("\"format_version\""u8) >= 0
            && (json.IndexOf("\"planned_values\""u8) >= 0 || json.IndexOf("\"resource_changes\""u8) >= 0));

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
