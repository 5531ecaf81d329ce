using System.Text.Json;

namespace Greenlight.Scanning.Iac.Terraform;

/// <summary>
/// Where each resource object of planned_values starts, so a finding can point at it. JsonDocument keeps no
/// positions, hence this second, forward-only pass with Utf8JsonReader.
/// </summary>
internal static class PlanLines
{
    public static IReadOnlyDictionary<string, int> Of(ReadOnlySpan<byte> json)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var newlines = NewlineOffsets(json);
        var objectStarts = new Stack<long>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = PlanReader.MaxDepth });
        string? property = null;
        var inPlannedValues = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (reader.CurrentDepth == 1 && property == "planned_values") inPlannedValues = true;
                    objectStarts.Push(reader.TokenStartIndex);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    objectStarts.Pop();
                    if (reader.CurrentDepth == 1) inPlannedValues = false;
                    break;
                case JsonTokenType.String when inPlannedValues && property == "address":
                    lines.TryAdd(reader.GetString()!, LineOf(newlines, objectStarts.Peek()));
                    break;
            }
            property = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
        }
        return lines;
    }

    private static List<long> NewlineOffsets(ReadOnlySpan<byte> json)
    {
        var offsets = new List<long>();
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n') offsets.Add(i);
        }
        return offsets;
    }

    private static int LineOf(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }
}
