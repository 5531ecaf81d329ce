using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Greenlight.Core.Checks;

/// <summary>
/// The small JSON path subset that check steps need: <c>$</c>, <c>.name</c>, <c>['name']</c> (or double quotes)
/// and <c>[index]</c>, as in <c>$.items[0].sku</c>. No wildcards or filters: a check asserts one value.
/// </summary>
public sealed class JsonPath
{
    private readonly string text;
    private readonly IReadOnlyList<Segment> segments;

    private JsonPath(string text, IReadOnlyList<Segment> segments)
    {
        this.text = text;
        this.segments = segments;
    }

    public static JsonPath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException($"\"{text}\" is not a supported JSON path such as $.items[0].name");

    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path)
    {
        path = null;
        if (!text.StartsWith('$'))
        {
            return false;
        }

        var segments = new List<Segment>();
        for (var i = 1; i < text.Length;)
        {
            var segment = text[i] switch
            {
                '.' => ReadDotted(text, ref i),
                '[' => ReadBracketed(text, ref i),
                _ => null,
            };
            if (segment is null)
            {
                return false;
            }

            segments.Add(segment.Value);
        }

        path = new JsonPath(text, segments);
        return true;
    }

    /// <summary>How checks compare and capture values: strings raw, everything else as its JSON text.</summary>
    public static string TextOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    public bool TrySelect(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in segments)
        {
            if (segment.Name is { } name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else if (value.ValueKind == JsonValueKind.Array && segment.Index < value.GetArrayLength())
            {
                value = value[segment.Index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => text;

    private static Segment? ReadDotted(string text, ref int i)
    {
        var end = text.IndexOfAny(['.', '['], i + 1);
        end = end < 0 ? text.Length : end;
        var name = text[(i + 1)..end];
        i = end;
        return name.Length > 0 ? new Segment(name, 0) : null;
    }

    private static Segment? ReadBracketed(string text, ref int i)
    {
        var quote = i + 1 < text.Length ? text[i + 1] : '\0';
        if (quote is '\'' or '"')
        {
            var endQuote = text.IndexOf(quote, i + 2);
            if (endQuote < 0 || endQuote + 1 >= text.Length || text[endQuote + 1] != ']')
            {
                return null;
            }

            var name = text[(i + 2)..endQuote];
            i = endQuote + 2;
            return new Segment(name, 0);
        }

        var close = text.IndexOf(']', i);
        if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }

        i = close + 1;
        return new Segment(null, index);
    }

    /// <summary>A property <paramref name="Name"/>, or an array <paramref name="Index"/> when the name is null.</summary>
    private readonly record struct Segment(string? Name, int Index);
}
