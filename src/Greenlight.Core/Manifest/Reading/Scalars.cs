using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Core.Manifest.Reading;

/// <summary>Scalar kinds that any manifest section can use; section-specific ones live next to the sections.</summary>
internal static class Scalars
{
    public static readonly Scalar<string> Text = String(_ => true, "a string");

    public static readonly Scalar<string> NonEmptyText = String(text => text.Length > 0, "a non-empty string");

    public static readonly Scalar<TimeSpan> DurationOrZero = new("a duration such as 30s, 5m, 24h", DurationText.TryParse);

    /// <summary>For timeouts and intervals, where zero would never let anything happen.</summary>
    public static readonly Scalar<TimeSpan> Duration = DurationOrZero.Where(value => value > TimeSpan.Zero, "a duration longer than 0s");

    public static Scalar<int> Int(int min, int max, string what) => new(
        $"{what} from {min} to {max}",
        (string text, out int value) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);

    /// <summary>Text with a rule; <paramref name="expected"/> also describes the value when it is missing.</summary>
    public static Scalar<string> String(Func<string, bool> accept, string expected) => new(expected, (string text, out string value) =>
    {
        value = text;
        return accept(text);
    });

    public static Scalar<string> Matching(Regex pattern, string expected) => String(pattern.IsMatch, expected);

    public static readonly Scalar<bool> Bool = new("true or false", (string text, out bool value) => bool.TryParse(text, out value));

    /// <summary>Accepts any casing and yields the canonical spelling.</summary>
    public static Scalar<string> OneOf(params string[] allowed) => new(
        "one of " + string.Join(", ", allowed),
        (string text, out string value) =>
        {
            value = allowed.FirstOrDefault(a => a.Equals(text, StringComparison.OrdinalIgnoreCase)) ?? text;
            return allowed.Contains(value, StringComparer.Ordinal);
        });
}
