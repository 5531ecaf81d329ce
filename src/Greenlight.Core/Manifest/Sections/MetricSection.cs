using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class MetricSection
{
    /// <param name="names">Names of the metrics read so far: verdicts and events name the metric they judge.</param>
    public static MetricSpec? Read(NodeReader r, ISet<string> names)
    {
        var name = r.Required("name", ManifestValues.Name);
        if (name is not null && !names.Add(name))
        {
            r.Report("name", $"found \"{name}\" a second time", "a name no other metric uses");
        }

        // Null when the provider is wrong: the rules that depend on it are then skipped rather than guessed.
        var provider = r.Has("provider") ? r.Required("provider", ManifestValues.Provider) : "edge";
        var prometheus = Source(r, "prometheus", provider, MetricSourceSection.ReadPrometheus);
        var http = Source(r, "http", provider, MetricSourceSection.ReadHttp);
        var judge = r.Required("judge", JudgeSupport.Names);
        var options = r.StringMap("options", ManifestValues.OptionName, ManifestValues.OptionValue);
        if (name is null || provider is null || judge is null)
        {
            return null;
        }

        var metric = new MetricSpec(name, Enum.Parse<MetricProviderKind>(provider, ignoreCase: true), prometheus, http, judge, options);
        JudgeSupport.Check(r, metric);
        foreach (var problem in Analysis.Judges.Validate(judge, options))
        {
            r.Report("options", (problem.Option.Length > 0 ? $"{problem.Option}: " : "") + $"found {problem.Found}", problem.Expected);
        }

        return metric;
    }

    /// <summary>A provider's settings: required with that provider, refused with another, which would ignore them.</summary>
    private static T? Source<T>(NodeReader r, string key, string? provider, Func<NodeReader, T?> read)
        where T : class
    {
        if (provider == key)
        {
            return r.RequiredMap(key, read);
        }

        if (r.Has(key) && provider is not null)
        {
            r.Report(key, $"found {key} settings for the {provider} provider", $"{key} only with provider: {key}");
        }

        return null;
    }
}
