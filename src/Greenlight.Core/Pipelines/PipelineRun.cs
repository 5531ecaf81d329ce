namespace Greenlight.Core.Pipelines;

/// <summary>
/// One run of an app's pipeline, as recorded and attached to the release it gates: what ran, how it ended,
/// how long it took, the test counts and the findings that stopped it.
/// </summary>
/// <param name="Version">The version the run verified; null for a run not tied to a version.</param>
/// <param name="Source">What was verified: the git commit of the tree, or null when that cannot be told
/// (not a git repository, or uncommitted changes); only a run with a source can vouch for a later deploy.</param>
/// <param name="Definition">A digest of the pipeline as the manifest defined it when the run started.</param>
public sealed record PipelineRun(
    string Id,
    string App,
    string? Version,
    string? Source,
    string Definition,
    PipelineStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<StepResult> Steps)
{
    public StepResult? FailedStep => Steps.FirstOrDefault(s => s.Status == StepStatus.Failed);
}

public enum PipelineStatus { Running, Passed, Failed }

/// <summary>Pending: not reached yet. Skipped: not run because an earlier step failed.</summary>
public enum StepStatus { Pending, Running, Passed, Failed, Skipped }

/// <param name="Kind"><c>command</c> or the built-in check's name.</param>
/// <param name="Log">The step's full output, a file under the state directory.</param>
/// <param name="Findings">What failed the step, one line each, redacted: secrets, vulnerabilities, policy
/// violations, lint findings or failed tests (at most <see cref="MaxFindings"/>).</param>
/// <param name="Reason">Why it failed, in one line; null when it passed.</param>
public sealed record StepResult(
    string Stage,
    string Step,
    string Kind,
    StepStatus Status,
    double DurationMs,
    int? ExitCode,
    TestCounts? Tests,
    IReadOnlyList<string> Findings,
    string Log,
    string? Reason)
{
    public const int MaxFindings = 100;

    public string Name => $"{Stage}/{Step}";
}

/// <summary>Summed over every TRX or JUnit file a step wrote.</summary>
public sealed record TestCounts(int Total, int Passed, int Failed, int Skipped)
{
    public static TestCounts operator +(TestCounts a, TestCounts b) =>
        new(a.Total + b.Total, a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    public override string ToString() => $"{Total} tests: {Passed} passed, {Failed} failed, {Skipped} skipped";
}
