using Greenlight.Core.Manifest;
using Greenlight.Engine.Pipeline.Steps;

namespace Greenlight.Engine.Pipeline;

/// <summary>The step kinds Greenlight knows: adding one is a runner, its test and one line here.</summary>
internal static class StepRunners
{
    private static readonly IStepRunner[] All =
    [
        new CommandStepRunner(),
        new SecretsStepRunner(),
        new DependenciesStepRunner(),
        new IacStepRunner(),
        new MigrationsLintStepRunner(),
    ];

    public static IStepRunner For(StepAction action) =>
        All.FirstOrDefault(r => r.Kind == action.Kind) ?? throw new InvalidOperationException($"no runner for step kind {action.Kind}");
}
