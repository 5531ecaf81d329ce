using Greenlight.Core.Manifest;
using Greenlight.Scanning.Iac;

namespace Greenlight.Engine.Pipeline.Steps;

/// <summary>Terraform plans and Kubernetes manifests that break a policy (see docs/iac-rules.md) fail the step.</summary>
internal sealed class IacStepRunner : IStepRunner
{
    public string Kind => "iac";

    public Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct) => Task.Run(() =>
    {
        var action = (IacAction)step.Action;
        var options = new IacScanOptions { Skips = action.Skip.Select(s => new IacSkip(s.Rule, s.Resource, s.Reason)).ToList() };
        context.Output($"checking the Terraform plans and Kubernetes manifests under {action.Path}");
        var findings = new IacScanner(options).Scan(action.Path).Select(f => f.ToString()).ToList();
        foreach (var finding in findings)
            context.Output(finding);
        return StepOutcome.FromFindings(findings, "policy violation", "policy violations");
    }, ct);
}
