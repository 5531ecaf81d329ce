using Greenlight.Core.Pipelines;

namespace Greenlight.Engine.Tests.Pipeline;

/// <summary>Runs are records holding lists, which compare by reference: this compares what they say.</summary>
internal sealed class PipelineRunComparer : IEqualityComparer<PipelineRun?>
{
    public static readonly PipelineRunComparer Instance = new();

    public bool Equals(PipelineRun? x, PipelineRun? y) =>
        x is not null && y is not null && x with { Steps = [] } == y with { Steps = [] }
        && x.Steps.Select(s => s with { Findings = [] }).SequenceEqual(y.Steps.Select(s => s with { Findings = [] }))
        && x.Steps.SelectMany(s => s.Findings).SequenceEqual(y.Steps.SelectMany(s => s.Findings));

    public int GetHashCode(PipelineRun? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
}
