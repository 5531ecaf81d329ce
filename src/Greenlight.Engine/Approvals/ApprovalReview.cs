using Greenlight.Core.Delivery;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;

namespace Greenlight.Engine.Approvals;

/// <summary>
/// What an approver must see of a release waiting for approval: where the approvals stand, what its pipeline found,
/// how its manifest differs from what serves in that environment, and what the environments before it decided.
/// </summary>
public sealed record ApprovalReview(
    string Environment,
    ApprovalTally Tally,
    PipelineSummary? Pipeline,
    IReadOnlyList<ServingManifest> Serving,
    IReadOnlyList<StageVerdict> Previous);

/// <param name="Steps">Each step with its test counts and findings.</param>
public sealed record PipelineSummary(string RunId, PipelineStatus Status, IReadOnlyList<PipelineStepSummary> Steps)
{
    public static PipelineSummary Of(PipelineRun run) =>
        new(run.Id, run.Status, [.. run.Steps.Select(s => new PipelineStepSummary(s.Name, s.Status, s.Tests, s.Findings))]);
}

public sealed record PipelineStepSummary(string Name, StepStatus Status, TestCounts? Tests, IReadOnlyList<string> Findings);

/// <summary>One region's serving revision and the changes from its manifest to the release's (none: the same manifest).</summary>
/// <param name="Digest">Null when the region serves nothing yet, or a revision whose manifest is not stored.</param>
public sealed record ServingManifest(string Region, string? Revision, string? Digest, IReadOnlyList<ManifestDiff.Change> Changes);

/// <summary>What an earlier environment decided on the release: its phase and when it passed, its bake verdict, its approval.</summary>
public sealed record StageVerdict(string Environment, StagePhase Phase, DateTimeOffset? PassedAt, string? PassedIn, string? BakeVerdict, string? Approved, string? Reason)
{
    public static StageVerdict Of(Stage s) => new(s.Environment, s.Phase, s.PassedAt, s.PassedIn, s.BakeVerdict, s.Approved, s.Reason);
}
