using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>A present <c>analysis</c> replaces <see cref="AnalysisSpec.Default"/> whole, so it must list its metrics.</summary>
internal static class AnalysisSection
{
    public static AnalysisSpec Read(NodeReader r)
    {
        var interval = r.Optional("interval", Scalars.Duration, AnalysisSpec.Default.Interval);
        var maxProviderErrors = r.Optional("maxProviderErrors", Scalars.Int(1, 100, "a number of failures"), AnalysisSpec.Default.MaxProviderErrors);
        var warmup = r.Optional("warmup", Scalars.DurationOrZero, AnalysisSpec.Default.Warmup);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var metrics = r.List("metrics", (metric, _) => MetricSection.Read(metric, names), nonEmpty: true);
        return new AnalysisSpec(interval, maxProviderErrors, metrics) { Warmup = warmup };
    }
}
