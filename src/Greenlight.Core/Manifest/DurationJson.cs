using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Greenlight.Core.Manifest;

/// <summary>
/// Durations in JSON as the manifest writes them (<c>"30s"</c>, <c>"5m"</c>, <c>"1h30m"</c>; see <see cref="DurationText"/>),
/// for the API and <c>--output json</c>. Reads that notation and .NET's own (<c>"00:00:30"</c>), which records written
/// without this converter hold.
/// </summary>
public sealed class DurationJson : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? "";
        if (DurationText.TryParse(text, out var value) || TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value))
            return value;
        throw new JsonException($"\"{text}\" is not a duration: expected whole numbers with units h, m, s, ms, e.g. 30s or 1h30m");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value < TimeSpan.Zero ? value.ToString("c", CultureInfo.InvariantCulture) : DurationText.Format(value));
}
