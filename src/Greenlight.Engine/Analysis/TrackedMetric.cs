using Greenlight.Core.Analysis;
using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Analysis;

/// <summary>One manifest metric during one analysis: its provider, its judge, baselines and provider failures.</summary>
internal sealed class TrackedMetric(MetricSpec spec, IMetricProvider provider, IJudge judge)
{
    private RevisionSample? _canaryBaseline;
    private RevisionSample? _stableBaseline;

    public string Name => spec.Name;

    /// <summary>Provider failures in a row; a success resets it.</summary>
    public int ConsecutiveErrors { get; private set; }

    public string? LastError { get; private set; }

    public JudgeResult? Last { get; private set; }

    /// <summary>The last result as fields; Inconclusive, saying why, until the provider first answered.</summary>
    public MetricVerdict Verdict => Last is { } result ? MetricVerdict.Of(Name, spec.Judge, result) : MetricVerdict.NoData(Name, spec.Judge, LastError);

    /// <summary>Measures both revisions and judges; null when the provider failed (counted, never read as zero).</summary>
    public async Task<JudgeResult?> LookAsync(string app, string canary, string stable, CancellationToken ct)
    {
        RevisionSample canaryNow, stableNow;
        try
        {
            // Both at once: the two samples describe the same moment, and a look takes half as long.
            var both = await Task.WhenAll(provider.MeasureAsync(app, canary, ct), provider.MeasureAsync(app, stable, ct));
            (canaryNow, stableNow) = (both[0], both[1]);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            ConsecutiveErrors++;
            LastError = e.Message;
            return null;
        }
        ConsecutiveErrors = 0;
        _canaryBaseline ??= canaryNow;
        _stableBaseline ??= stableNow;
        Last = judge.Judge(canaryNow.Since(_canaryBaseline), stableNow.Since(_stableBaseline));
        return Last;
    }
}
