using System.Text.Json;

namespace Greenlight.Providers.Traffic.Edge;

/// <summary>The edge admin API's wire dialect: System.Text.Json web defaults (camelCase).</summary>
internal static class EdgeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
