using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Core.Analysis;

namespace Greenlight.Core.Rollouts;

/// <summary>Reads <see cref="Rollout.LastVerdict"/> as stored by any release of Greenlight: a record, or the plain
/// text earlier releases kept (state.db outlives upgrades). Always writes the record.</summary>
internal sealed class StoredVerdictJson : JsonConverter<AnalysisVerdict>
{
    public override AnalysisVerdict? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? AnalysisVerdict.FromText(reader.GetString()!)
            : JsonSerializer.Deserialize<AnalysisVerdict>(ref reader, options);

    public override void Write(Utf8JsonWriter writer, AnalysisVerdict value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}
