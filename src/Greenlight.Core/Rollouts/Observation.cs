namespace Greenlight.Core.Rollouts;

/// <summary>What the Engine saw since the last decision: the result of an effect, a user request or time passing.</summary>
public abstract record Observation
{
    /// <summary>The driver starts: re-issue the current phase's effects, all idempotent. <paramref name="AfterRestart"/>:
    /// a controller restarted and picked the rollout up where an earlier one left it.</summary>
    public sealed record Resume(bool AfterRestart = false) : Observation;
    public sealed record Tick : Observation;
    public sealed record PipelinePassed(string RunId) : Observation;
    /// <summary>The app's lane is free and this release is next; <paramref name="Stable"/> serves now. <paramref name="Revision"/>:
    /// the name of the revision to start when it is not the version (a config release of a version that runs).</summary>
    public sealed record Dequeued(string? Stable, string? Revision = null) : Observation;
    public sealed record RevisionReady(string Version) : Observation;
    public sealed record ChecksPassed(CheckStage Stage) : Observation;
    public sealed record WeightsApplied : Observation;
    public sealed record MigrationsApplied(bool Contract) : Observation;
    public sealed record RevisionRetired(string Version) : Observation;
    /// <summary>An effect could not be carried out (start failed, check failed, router unreachable).</summary>
    public sealed record EffectFailed(string Reason) : Observation;
    public sealed record RollbackRequested(string Reason) : Observation;
    /// <summary>A revision of the rollout is gone (its process exited, or it stopped answering): traffic must move
    /// away from it without its help, and it can no longer take traffic.</summary>
    public sealed record RevisionDied(string Version, string Reason) : Observation;
    /// <summary>`greenlight promote`: end the current canary step now, or with <paramref name="Full"/> skip every step left.</summary>
    public sealed record PromoteRequested(bool Full) : Observation;
    /// <summary>Every judge passed.</summary>
    public sealed record AnalysisPassed(Analysis.AnalysisVerdict Verdict) : Observation;
    /// <summary>A judge failed, or the analysis failed safe: the canary goes back, its verdict kept on the rollout.</summary>
    public sealed record AnalysisFailed(Analysis.AnalysisVerdict Verdict) : Observation;
    /// <summary>A newer rollout of the same app took the traffic: the warm revision is no longer needed.</summary>
    public sealed record Superseded(string ByVersion) : Observation;
}

public enum CheckStage
{
    /// <summary>Against the new revision directly, before the flip.</summary>
    BeforeFlip,
    /// <summary>Through the edge, right after the flip.</summary>
    AfterFlip,
}
