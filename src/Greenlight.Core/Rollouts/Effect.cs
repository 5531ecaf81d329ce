namespace Greenlight.Core.Rollouts;

/// <summary>Work the Engine must do. Data only; every effect is idempotent so a resumed controller may repeat it.</summary>
public abstract record Effect
{
    /// <summary>Run the app's pipeline as run <paramref name="RunId"/>; every step must pass.</summary>
    public sealed record RunPipeline(string RunId) : Effect;
    public sealed record StartRevision(string Version) : Effect;
    /// <summary>Apply the pending migrations of one phase: expand (before the new revision starts) or contract.</summary>
    public sealed record ApplyMigrations(bool Contract) : Effect;
    public sealed record RunChecks(CheckStage Stage, string Version) : Effect;
    /// <summary>The complete split for the app: revision -> weight. Revisions not named leave the route.</summary>
    public sealed record SetWeights(IReadOnlyDictionary<string, int> Weights) : Effect;
    /// <summary>Judge the canary against stable until every judge passes (AnalysisPassed), one fails or
    /// the time runs out (EffectFailed), looking again every analysis interval.</summary>
    public sealed record RunAnalysis(string Canary, string Stable, TimeSpan MaxDuration) : Effect;
    /// <summary>Drain in-flight requests, then stop the revision.</summary>
    public sealed record RetireRevision(string Version) : Effect;
}

/// <summary>The result of one decision: the new state, what to do next, and what to write in the rollout's log.</summary>
public sealed record Decision(Rollout State, IReadOnlyList<Effect> Effects, IReadOnlyList<string> Log);
