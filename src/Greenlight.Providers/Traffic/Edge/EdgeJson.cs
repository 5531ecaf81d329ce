using System.Text.Json;
using System.Text.Json.Serialization;

namespace Greenlight.Providers.Traffic.Edge;

/// <summary>The edge admin API's wire dialect: System.Text.Json web defaults (camelCase), and "Infinity" for a histogram's +Inf bound.</summary>
internal static class EdgeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
