using System.Collections.ObjectModel;
using System.Globalization;

namespace Greenlight.Core.Analysis;

/// <summary>Wording shared by the judges' summaries, so `greenlight status` reads the same for each.</summary>
internal static class JudgeText
{
    public static JudgeResult Inconclusive(string summary) => new(Verdict.Inconclusive, summary, ReadOnlyDictionary<string, double>.Empty);

    public static string Missing(string revision, string what) => $"{revision} {what} missing: the provider returned no data";

    public static string Percent(double rate) => (rate * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Count(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Milliseconds(double seconds) => (seconds * 1000).ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    public static string QuantileName(double q) => "p" + (q * 100).ToString("0.###", CultureInfo.InvariantCulture);
}
