using System.Text.RegularExpressions;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>The scalar kinds of the <c>analysis</c> section: source addresses, queries and judge options.</summary>
internal static partial class ManifestValues
{
    private const string TemplateRule = "no placeholder other than {{app}} and {{revision}}";

    public static readonly Scalar<string> Provider = Scalars.OneOf([.. Enum.GetValues<MetricProviderKind>().Select(ProviderName)]);

    /// <summary>A PromQL query; like <see cref="MetricUrl"/>, the provider fills in the app and the revision it measures.</summary>
    public static readonly Scalar<string> MetricQuery = Scalars.NonEmptyText.Where(UsesOnlyAppAndRevision, TemplateRule);

    public static readonly Scalar<string> MetricUrl = Scalars
        .String(
            text => TryParseHttpUrl(TemplatePlaceholder().Replace(text, "x"), out _),
            "an absolute http or https URL such as http://127.0.0.1:9000/stats/{{revision}}")
        .Where(UsesOnlyAppAndRevision, TemplateRule);

    public static readonly Scalar<Uri> HttpUrl = new("an absolute http or https URL such as http://127.0.0.1:9090", TryParseHttpUrl);

    public static readonly Scalar<string> OptionName = Scalars.Matching(IdentifierPattern(), "an option name of letters, digits and _ such as alpha");

    /// <summary>Kept as written: each judge parses its own options, so YAML numbers and booleans arrive as their text.</summary>
    public static readonly Scalar<string> OptionValue = Scalars.String(text => text.Length > 0, "a value such as 0.01, 250 or true");

    /// <summary>How the manifest spells a provider: <c>edge</c>, <c>prometheus</c>, <c>http</c>.</summary>
    public static string ProviderName(MetricProviderKind provider) => provider.ToString().ToLowerInvariant();

    /// <summary>
    /// Any other <c>{{name}}</c>, a stray <c>{{</c> or <c>}}</c>, or a <c>${name}</c> written by analogy with
    /// <c>run</c> would reach Prometheus or the endpoint literally and measure nothing.
    /// </summary>
    private static bool UsesOnlyAppAndRevision(string text)
    {
        var rest = TemplatePlaceholder().Replace(text, "");
        return TemplatePlaceholder().Matches(text).All(m => m.Groups[1].Value is "app" or "revision")
            && !rest.Contains("{{", StringComparison.Ordinal)
            && !rest.Contains("}}", StringComparison.Ordinal)
            && !Placeholders.Names(text).Any();
    }

    private static bool TryParseHttpUrl(string text, out Uri value)
    {
        var ok = Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        value = uri!;
        return ok;
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}")]
    private static partial Regex TemplatePlaceholder();
}
