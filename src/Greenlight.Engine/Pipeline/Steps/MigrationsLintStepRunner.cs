using Greenlight.Core.Manifest;
using Greenlight.Migrations;

namespace Greenlight.Engine.Pipeline.Steps;

/// <summary>
/// Lints the migration scripts before the release goes near the database. Every script is linted: the pipeline
/// may run where the database cannot be reached (CI), and a script already applied was linted by its own release,
/// so its findings are already allowed with a comment. The release's expand phase lints the pending ones again.
/// </summary>
internal sealed class MigrationsLintStepRunner : IStepRunner
{
    public string Kind => "migrations-lint";

    public Task<StepOutcome> RunAsync(PipelineStep step, StepContext context, CancellationToken ct) => Task.Run(() =>
    {
        var db = context.Manifest.Database!;
        context.Output($"linting the scripts in {db.Migrations} ({db.Provider} dialect)");
        var findings = db.Lint();
        foreach (var finding in findings)
            context.Output(finding.Fails ? finding.ToString() : $"warning: {finding}");
        return StepOutcome.FromFindings([.. findings.Where(f => f.Fails).Select(f => f.ToString())], "lint finding", "lint findings");
    }, ct);
}
