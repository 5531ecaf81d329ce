using Greenlight.Core.Pipelines;

namespace Greenlight.Engine.Pipeline;

/// <summary>Watches a pipeline run live: a terminal prints it, the controller records it in the release's log.</summary>
public interface IPipelineObserver
{
    /// <summary>Another run of the app's pipeline holds the working tree: this one starts when it ends.</summary>
    void Waiting();

    void StepStarted(StepResult step);

    /// <summary>One line of the running step's output, as written to its log.</summary>
    void Output(StepResult step, string line);

    void StepFinished(StepResult step);
}
