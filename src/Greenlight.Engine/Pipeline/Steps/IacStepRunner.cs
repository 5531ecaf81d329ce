using Greenlight.Core.Manifest;
using Greenlight.Scanning.Iac;
using Greenlight.Scanning.Trees;

namespace Greenlight.Engine.Pipeline.Steps;

/// <summary>Terraform plans and Kubernetes manifests that break a policy (see docs/iac-rules.md) fail the step.</summary>
internal sealed class IacStepRunner : IStepRunner
{
    public string Kind => "iac";

    public Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct) => Task.Run(() =>
    {
        var action = (IacAction)step.Action;
        // A skip naming no rule (a typo, a rule renamed) would silently accept nothing: it is a mistake to report.
        if (action.Skip.FirstOrDefault(s => IacRules.All.All(r => r.Id != s.Rule)) is { } unknown)
            throw new InvalidDataException($"skip names rule {unknown.Rule}, which does not exist: expected one of {string.Join(", ", IacRules.All.Select(r => r.Id))}");
        var options = new IacScanOptions { Skips = action.Skip.Select(s => new IacSkip(s.Rule, s.Resource, s.Reason)).ToList() };
        context.Output($"checking the Terraform plans and Kubernetes manifests under {action.Path}");
        var gaps = new TreeGaps();
        var findings = new IacScanner(options).Scan(action.Path, gaps, ct).Select(f => f.ToString()).ToList();
        foreach (var finding in findings)
            context.Output(finding);
        return CheckGaps.Judge(gaps, context, StepOutcome.FromFindings(findings, "policy violation", "policy violations"));
    }, ct);
}
