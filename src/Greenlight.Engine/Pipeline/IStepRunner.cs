using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;

namespace Greenlight.Engine.Pipeline;

/// <summary>Carries out one kind of pipeline step, keyed by <see cref="Kind"/> (the manifest's <c>check:</c> name or <c>command</c>).</summary>
internal interface IStepRunner
{
    string Kind { get; }

    Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct);
}

/// <summary>What a step needs besides its own definition: the manifest, the clock and where its output goes.</summary>
/// <param name="Output">Writes one line to the step's log and to whoever watches it live.</param>
internal sealed record StepContext(AppManifest Manifest, TimeProvider Time, Action<string> Output);

/// <param name="Findings">What failed the step, one redacted line each; may also list what a passing step accepted.</param>
internal sealed record StepOutcome(bool Passed, string? Reason, IReadOnlyList<string> Findings, int? ExitCode = null, TestCounts? Tests = null)
{
    /// <param name="one">What one finding is, e.g. "secret"; <paramref name="many"/> its plural.</param>
    public static StepOutcome FromFindings(IReadOnlyList<string> blocking, string one, string many) => blocking.Count == 0
        ? new(true, null, [])
        : new(false, $"{blocking.Count} {(blocking.Count == 1 ? one : many)} found: {blocking[0]}" + (blocking.Count > 1 ? " …" : ""),
            blocking.Take(StepResult.MaxFindings).ToList());
}
