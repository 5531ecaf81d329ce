using System.Globalization;
using System.Text;

namespace Greenlight.Core.Audit;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) for the only values audit objects hold: strings and integers.
/// Keys in ordinal (UTF-16) order, no whitespace, strings escaped only where JSON requires (<c>"</c>, <c>\</c>, and the
/// control characters: <c>\b \t \n \f \r</c> short, the others <c>\u00xx</c> in lower case), every other character
/// as UTF-8; integers in plain decimal, within ±2^53 so that every JSON reader reads them exactly. This is also what
/// Python's <c>json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False)</c> writes for such objects.
/// </summary>
public static class CanonicalJson
{
    public const long MaxSafeInteger = (1L << 53) - 1;

    /// <summary>The object's canonical text; null values are left out (a missing key and a null mean the same).</summary>
    public static string Write(ReadOnlySpan<KeyValuePair<string, object?>> fields)
    {
        var sorted = fields.ToArray();
        // Callers list their keys sorted already; sorting is for any that do not.
        if (!IsSorted(sorted))
            Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder(384).Append('{');
        var first = true;
        foreach (var (key, value) in sorted)
        {
            if (value is null)
                continue;
            if (!first)
                text.Append(',');
            first = false;
            String(text, key);
            text.Append(':');
            switch (value)
            {
                case string s: String(text, s); break;
                case long or int: Integer(text, Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"{key}: canonical audit JSON holds strings and integers, not {value.GetType().Name}");
            }
        }
        return text.Append('}').ToString();
    }

    private static bool IsSorted(KeyValuePair<string, object?>[] fields)
    {
        for (var i = 1; i < fields.Length; i++)
            if (string.CompareOrdinal(fields[i - 1].Key, fields[i].Key) >= 0)
                return false;
        return true;
    }

    private static void Integer(StringBuilder text, long value)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
            throw new ArgumentOutOfRangeException(nameof(value), value, "beyond ±2^53: not exact in every JSON reader");
        text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    private static void String(StringBuilder text, string value)
    {
        text.Append('"');
        var run = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\')
                continue;
            text.Append(value, run, i - run);
            run = i + 1;
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                default: text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }
        }
        text.Append(value, run, value.Length - run).Append('"');
    }
}
