using Greenlight.Core.Manifest;
using Greenlight.Scanning.Dependencies;
using Greenlight.Scanning.Trees;

namespace Greenlight.Engine.Pipeline.Steps;

/// <summary>Resolved packages with a known vulnerability at or above the step's severity fail it, unless ignored with a reason until a date.</summary>
internal sealed class DependenciesStepRunner : IStepRunner
{
    public string Kind => "dependencies";

    public Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct) => Task.Run(() =>
    {
        var action = (DependenciesAction)step.Action;
        var database = OsvDatabase.Load(action.Osv);
        var gaps = new TreeGaps();
        var packages = DependencyScanner.ReadPackages(action.Path, gaps, ct);
        context.Output($"{packages.Count} resolved packages under {action.Path}, {database.Count} OSV records in {action.Osv}");
        var findings = new DependencyScanner(database).Match(packages);
        var gate = new DependencyGate(Enum.Parse<Severity>(action.FailAt, ignoreCase: true),
            action.Ignore.Select(i => new IgnoreEntry(i.Id, i.Reason, i.Expires)), context.Time);
        var result = gate.Evaluate(findings);
        foreach (var expired in result.ExpiredIgnores)
            context.Output($"warning: the ignore entry for {expired.Id} expired on {expired.Expires:yyyy-MM-dd} and no longer applies");
        foreach (var f in findings)
            context.Output((result.Ignored.Contains(f) ? "ignored: " : result.Blocking.Contains(f) ? "" : "below the gate: ") + Describe(f));
        return CheckGaps.Judge(gaps, context, StepOutcome.FromFindings(result.Blocking.Select(Describe).ToList(), "vulnerable dependency", "vulnerable dependencies"));
    }, ct);

    private static string Describe(DependencyFinding f) =>
        $"{f.File}: {f.Package} {f.Version} ({f.Ecosystem}): {f.VulnerabilityId}"
        + (f.Aliases.Count > 0 ? $" ({string.Join(", ", f.Aliases)})" : "")
        + $", severity {f.Severity.ToString().ToLowerInvariant()}"
        + (f.FixedVersion is null ? ", no fixed version" : $", fixed in {f.FixedVersion}")
        + (f.Summary is null ? "" : $": {f.Summary}");
}
