using Greenlight.Core.Manifest;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Control;

/// <summary>What a release's bakes and soaks ask of a lane: its revision's liveness, its metrics and its synthetic checks.</summary>
public sealed partial class ReleaseController
{
    /// <summary>The revision's running instances, as the rollout and the revision watcher judge them.</summary>
    internal Task<IReadOnlyList<RevisionRecord>> RunningRevisionAsync(string revision, CancellationToken ct) => _ctx.RunningAsync(revision, ct);

    /// <summary>The provider of one of the lane's analysis metrics, reading what canary analysis in this lane reads.</summary>
    internal Core.Analysis.IMetricProvider MetricProviderOf(MetricSpec metric) => Providers.Metrics.MetricProviders.Create(metric, _ctx.Router, _ctx.Http);

    /// <summary>Secret values masked in what a bake or soak writes of this lane (a provider's error may quote its URL).</summary>
    internal string Masked(string text) => _ctx.Secrets.Apply(text)!;

    /// <summary>
    /// Plays the synthetic checks of <paramref name="view"/> (a release's manifest as this lane runs it, the environment's
    /// <c>checks</c> override applied) through this lane's edge, as users reach it and as a rollout does right after its
    /// switch. Returns null when every check passed, else every failed check with its step and what it got, secrets masked.
    /// </summary>
    internal async Task<string?> FailingChecksAsync(AppManifest view, CancellationToken ct)
    {
        if (view.Checks.Count == 0)
            return null;
        var lane = _ctx.For(view);
        var report = await lane.Checks.RunAsync(view.Checks, lane.PublicAddress, ct, lane.PublicHost);
        return report.Passed ? null : _ctx.Secrets.Apply(report.Describe());
    }
}
