using System.Globalization;

namespace Greenlight.Core.Analysis;

/// <summary>How one manifest option's text (<c>options: {alpha: 0.01}</c>) sets a field of an options record.</summary>
internal sealed record OptionField<T>(string Key, string Expected, Func<T, string, T?> Set)
    where T : JudgeOptions;

/// <summary>
/// Builds options records from the manifest's option texts. YAML numbers arrive as their text; rates and
/// probabilities may also be written as percentages (<c>1%</c>), which is how people say them.
/// </summary>
internal static class OptionFields
{
    public static OptionField<T> Fraction<T>(string key, Func<T, double, T> set) where T : JudgeOptions =>
        new(key, "a number such as 0.01 or 1%", (o, text) => ParseFraction(text) is { } v ? set(o, v) : null);

    public static OptionField<T> Number<T>(string key, Func<T, double, T> set) where T : JudgeOptions =>
        new(key, "a number", (o, text) => ParseNumber(text) is { } v ? set(o, v) : null);

    public static OptionField<T> Flag<T>(string key, Func<T, bool, T> set) where T : JudgeOptions =>
        new(key, "true or false", (o, text) => bool.TryParse(text, out var v) ? set(o, v) : null);

    public static OptionField<T> Whole<T>(string key, Func<T, long?, T> set, bool orNone = false) where T : JudgeOptions =>
        new(key, orNone ? "a whole number or none" : "a whole number", (o, text) =>
            orNone && text is "none" ? set(o, null)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? set(o, v) : null);

    /// <summary>The options the texts describe, starting from the defaults, with every problem found on the way.</summary>
    public static (T Options, IReadOnlyList<OptionProblem> Problems) Read<T>(IReadOnlyDictionary<string, string> texts, IReadOnlyList<OptionField<T>> fields)
        where T : JudgeOptions, new()
    {
        var (options, problems) = (new T(), new List<OptionProblem>());
        foreach (var (key, text) in texts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (fields.FirstOrDefault(f => f.Key == key) is not { } field)
                problems.Add(new OptionProblem(key, "an unknown option", "one of " + string.Join(", ", fields.Select(f => f.Key))));
            else if (field.Set(options, text.Trim()) is { } set)
                options = set;
            else
                problems.Add(new OptionProblem(key, $"\"{text}\"", field.Expected));
        }

        // Ranges are checked once every option is read: some depend on one another (max >= min).
        problems.AddRange(options.Validate().Where(p => problems.All(q => q.Option != p.Option)));
        return (options, problems);
    }

    private static double? ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private static double? ParseFraction(string text) =>
        text.EndsWith('%') ? ParseNumber(text[..^1]) / 100 : ParseNumber(text);
}
