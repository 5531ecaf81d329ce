using System.Text.Json;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>
/// The expressions of every resource block in a plan's <c>configuration</c> section, across module calls. Planned
/// values lose how resources relate (a companion's <c>bucket</c> is unknown until apply); the references keep it.
/// </summary>
internal sealed class PlanConfiguration
{
    private readonly Dictionary<string, JsonElement> _expressions = new(StringComparer.Ordinal);

    public PlanConfiguration(JsonElement plan)
    {
        if (plan.Property("configuration")?.Property("root_module") is { } root) Add(root, "");
    }

    /// <summary>What the attribute's expression refers to, e.g. <c>["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]</c>.</summary>
    public IEnumerable<string> References(string configAddress, string attribute) =>
        _expressions.TryGetValue(configAddress, out var expressions) && expressions.Property(attribute) is { } expression
            ? expression.Strings("references")
            : [];

    private void Add(JsonElement module, string modulePath)
    {
        foreach (var resource in module.Items("resources"))
        {
            if (resource.String("address") is { } address && resource.Property("expressions") is { } expressions)
                _expressions[ResourceAddress.InModule(modulePath, address)] = expressions;
        }
        if (module.Property("module_calls") is not { ValueKind: JsonValueKind.Object } calls) return;
        foreach (var call in calls.EnumerateObject())
        {
            if (call.Value.Property("module") is { } child) Add(child, ResourceAddress.InModule(modulePath, $"module.{call.Name}"));
        }
    }
}
