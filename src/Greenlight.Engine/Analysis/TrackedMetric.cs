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
    public Task<JudgeResult?> LookAsync(string app, string canary, string stable, CancellationToken ct) =>
        JudgeAsync(async () =>
        {
            // Both at once: the two samples describe the same moment, and a look takes half as long.
            var both = await Task.WhenAll(provider.MeasureAsync(app, canary, ct), provider.MeasureAsync(app, stable, ct));
            return (both[0], both[1]);
        }, stableMoves: true, ct);

    /// <summary>
    /// Measures <paramref name="revision"/> alone and judges its numbers since the first look against a sample that no
    /// longer moves (a bake's previous revision as it stood at the flip, or nothing for a threshold), read by
    /// <paramref name="against"/> once, at the first look that succeeds; its failures count as the provider's.
    /// </summary>
    public Task<JudgeResult?> LookAsync(string app, string revision, Func<CancellationToken, Task<RevisionSample>> against, CancellationToken ct) =>
        JudgeAsync(async () => (await provider.MeasureAsync(app, revision, ct), _stableBaseline ?? await against(ct)), stableMoves: false, ct);

    private async Task<JudgeResult?> JudgeAsync(Func<Task<(RevisionSample Canary, RevisionSample Stable)>> measure, bool stableMoves, CancellationToken ct)
    {
        RevisionSample canaryNow, stableNow;
        try
        {
            (canaryNow, stableNow) = await measure();
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
        Last = judge.Judge(canaryNow.Since(_canaryBaseline), stableMoves ? stableNow.Since(_stableBaseline) : _stableBaseline);
        return Last;
    }
}
