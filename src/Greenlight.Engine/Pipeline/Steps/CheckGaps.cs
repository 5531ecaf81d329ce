using Greenlight.Core.Pipelines;
using Greenlight.Scanning.Trees;

namespace Greenlight.Engine.Pipeline.Steps;

/// <summary>What a check did not read, in its step's output; what it could not read fails the step.</summary>
internal static class CheckGaps
{
    public static StepOutcome Judge(TreeGaps gaps, StepContext context, StepOutcome outcome)
    {
        foreach (var skipped in gaps.Skipped)
            context.Output($"skipped {skipped}");
        if (gaps.Unreadable is not [var first, ..] unreadable)
            return outcome;
        foreach (var file in unreadable)
            context.Output($"error: {file}");
        // A gate never passes what it did not see: findings or not, the check is incomplete.
        var reason = $"the check is incomplete: {first}" + (unreadable.Count > 1 ? $" (and {unreadable.Count - 1} more)" : "");
        return outcome with { Passed = false, Reason = reason, Findings = [.. unreadable.Select(u => u.ToString()).Concat(outcome.Findings).Take(StepResult.MaxFindings)] };
    }
}
