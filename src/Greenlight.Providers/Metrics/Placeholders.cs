using System.Text.RegularExpressions;

namespace Greenlight.Providers.Metrics;

/// <summary>Fills <c>{{app}}</c> and <c>{{revision}}</c> in a query or URL template.</summary>
internal static partial class Placeholders
{
    /// <param name="escape">Makes a value safe where it lands (a PromQL string, a URL).</param>
    // One pass, so that a value that itself reads "{{revision}}" is not substituted again.
    public static string Fill(string template, string app, string revision, Func<string, string> escape) =>
        Placeholder().Replace(template, match => escape(match.Groups[1].Value == "app" ? app : revision));

    [GeneratedRegex(@"\{\{(app|revision)\}\}")]
    private static partial Regex Placeholder();
}
