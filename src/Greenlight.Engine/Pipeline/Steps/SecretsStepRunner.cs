using Greenlight.Core.Manifest;
using Greenlight.Scanning.Secrets;
using Greenlight.Scanning.Trees;

namespace Greenlight.Engine.Pipeline.Steps;

/// <summary>Secrets in the working tree (and, when asked, in every commit of its history) fail the step.</summary>
internal sealed class SecretsStepRunner : IStepRunner
{
    public string Kind => "secrets";

    public Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct) => Task.Run(() =>
    {
        var action = (SecretsAction)step.Action;
        var rules = action.Config is null ? SecretRules.Named(action.Rules) : GitleaksConfig.Load(action.Config);
        var options = new SecretScanOptions
        {
            Baseline = action.Baseline is null ? SecretBaseline.Empty : SecretBaseline.Load(action.Baseline),
            GitleaksIgnore = GitleaksIgnore.AtRoot(action.Path),
            MaxDecodeDepth = action.MaxDecodeDepth,
        };
        foreach (var warning in options.GitleaksIgnore.Warnings)
            context.Output($"warning: {warning}");
        context.Output($"scanning {action.Path} with {rules.Rules.Count} {(action.Config is null ? action.Rules + " " : "")}rules" + (options.Baseline.Count > 0 ? $", {options.Baseline.Count} accepted in the baseline" : ""));
        var gaps = new TreeGaps();
        var findings = new SecretScanner(rules, options).ScanDirectory(action.Path, gaps, ct).ToList();
        if (action.History)
        {
            context.Output("scanning the git history");
            findings.AddRange(new GitHistoryScanner(rules, options).Scan(action.Path));
        }
        // The fingerprint is what a baseline entry names, so the log says it for each finding.
        foreach (var finding in findings)
            context.Output($"{finding} (fingerprint {finding.Fingerprint})");
        if (options.Suppressed.Total > 0)
            context.Output(options.Suppressed.ToString());
        return CheckGaps.Judge(gaps, context, StepOutcome.FromFindings(findings.Select(f => f.ToString()).ToList(), "secret", "secrets"));
    }, ct);
}
