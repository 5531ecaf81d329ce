using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary>
/// Whether a metric's source gives what its judge compares. Checked when the manifest loads because a judge
/// without its data could never pass: every analysis step would run out its time and roll the canary back.
/// </summary>
internal static class JudgeSupport
{
    // A judge added to Judges.Names needs its row here: Check throws for a judge it does not know.
    private static readonly (string Judge, Data Needs, string Described)[] Table =
    [
        (Judges.ErrorRate, Data.Counts, "request and error counts"),
        (Judges.Latency, Data.Latency, "a latency histogram"),
        (Judges.Threshold, Data.Value | Data.Counts | Data.Latency, "a value, request and error counts, or a latency histogram"),
    ];

    /// <summary>Kinds of data a source can give; a judge needs any one of its kinds.</summary>
    [Flags]
    private enum Data
    {
        None = 0,
        Counts = 1,
        Latency = 2,
        Value = 4,
    }

    public static Scalar<string> Names { get; } = Scalars.OneOf([.. Judges.Names]);

    public static void Check(NodeReader r, MetricSpec metric)
    {
        var (judge, needs, described) = Table.Single(j => j.Judge == metric.Judge);
        if (Gives(metric) is not { } gives || (gives & needs) != Data.None)
        {
            return;
        }

        var provider = ManifestValues.ProviderName(metric.Provider);
        var ways = Kinds(needs & CanGive(metric.Provider)).Select(kind => KeysFor(provider, kind)).ToList();
        var others = Enum.GetValues<MetricProviderKind>().Where(p => (CanGive(p) & needs) != Data.None).Select(ManifestValues.ProviderName);
        var expected = ways.Count > 0 ? string.Join(", or ", ways) : $"a provider that gives it ({string.Join(", ", others)}), not {provider}";
        r.Report("judge", $"found \"{judge}\", which needs {described}", expected);
    }

    /// <summary>What the metric's settings give; null when they did not read, which was reported already.</summary>
    private static Data? Gives(MetricSpec metric) => metric.Provider switch
    {
        MetricProviderKind.Edge => CanGive(MetricProviderKind.Edge),
        MetricProviderKind.Prometheus when metric.Prometheus is { } p =>
            Counts(p.Requests, p.Errors) | When(p.Latency, Data.Latency) | When(p.Value, Data.Value),
        MetricProviderKind.Http when metric.Http is { } h => Counts(h.Requests, h.Errors) | When(h.Value, Data.Value),
        _ => null,
    };

    /// <summary>The edge counts requests and errors and keeps latency histograms; a JSON endpoint has no histogram.</summary>
    private static Data CanGive(MetricProviderKind provider) => provider switch
    {
        MetricProviderKind.Edge => Data.Counts | Data.Latency,
        MetricProviderKind.Prometheus => Data.Counts | Data.Latency | Data.Value,
        _ => Data.Counts | Data.Value,
    };

    // Only Prometheus and http can be short of data, and both name their settings the same way.
    private static string KeysFor(string provider, Data kind) => kind switch
    {
        Data.Counts => $"{provider}.requests with {provider}.errors",
        Data.Latency => $"{provider}.latency",
        _ => $"{provider}.value",
    };

    private static Data Counts(string? requests, string? errors) => requests is not null && errors is not null ? Data.Counts : Data.None;

    private static Data When(string? setting, Data kind) => setting is null ? Data.None : kind;

    private static IEnumerable<Data> Kinds(Data set) => Enum.GetValues<Data>().Where(kind => kind != Data.None && set.HasFlag(kind));
}
