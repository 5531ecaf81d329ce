using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;
using Greenlight.Core.Rollouts;

namespace Greenlight.Engine.State;

/// <summary>
/// The controller's durable memory. A rollout's new state and the log lines of that transition are
/// saved together, before any effect of the transition runs.
/// </summary>
public partial interface IStateStore
{
    string Name { get; }

    Task SaveRolloutAsync(Rollout rollout, IReadOnlyList<string> log, CancellationToken cancellationToken);

    /// <summary>Appends a log line that is not a transition, such as how long an effect took; returns its id.</summary>
    Task<long> AppendEventAsync(string rolloutId, string message, double? durationMs, CancellationToken cancellationToken);

    Task<Rollout?> GetRolloutAsync(string id, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Rollout>> ListRolloutsAsync(string app, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<Rollout>> ListUnfinishedAsync(string app, CancellationToken cancellationToken);

    /// <summary>Events of a rollout with an id greater than <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<RolloutEvent>> GetEventsAsync(string rolloutId, long afterId, CancellationToken cancellationToken);

    Task SaveRevisionAsync(RevisionRecord revision, CancellationToken cancellationToken);

    /// <summary>Moves the revision from the status and process of <paramref name="seen"/> to <paramref name="status"/>;
    /// false when it changed meanwhile (stopped on purpose, started again).</summary>
    Task<bool> SetRevisionStatusAsync(RevisionRecord seen, RevisionStatus status, CancellationToken cancellationToken);

    /// <summary>The revision's first instance: the record that stands for the revision.</summary>
    Task<RevisionRecord?> GetRevisionAsync(string app, string version, CancellationToken cancellationToken);

    /// <summary>Every instance recorded for the revision, by <see cref="RevisionRecord.Instance"/>.</summary>
    Task<IReadOnlyList<RevisionRecord>> ListInstancesAsync(string app, string version, CancellationToken cancellationToken);

    Task<IReadOnlyList<RevisionRecord>> ListRevisionsAsync(string app, CancellationToken cancellationToken);

    /// <summary>A release through the environments, with the log lines of that transition (read with <see cref="GetEventsAsync"/>
    /// under the release's id), saved together before any effect of the transition runs.</summary>
    Task SaveReleaseAsync(Core.Delivery.Release release, IReadOnlyList<string> log, CancellationToken cancellationToken);

    Task<Core.Delivery.Release?> GetReleaseAsync(string id, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="unfinishedOnly"/>: those still running or rolling back, oldest first.</summary>
    Task<IReadOnlyList<Core.Delivery.Release>> ListReleasesAsync(string app, int limit, bool unfinishedOnly, CancellationToken cancellationToken);

    /// <summary>Stores a release's manifest snapshot under its digest; storing the same digest again changes nothing.</summary>
    Task SaveManifestAsync(string app, ManifestSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The stored snapshot without its model (<see cref="ManifestSnapshot.Manifest"/> is null).</summary>
    Task<ManifestSnapshot?> GetManifestAsync(string digest, CancellationToken cancellationToken);

    /// <summary>Which secrets (names, references, versions: never values) the revision started with, replacing what
    /// an earlier start of it recorded.</summary>
    Task SaveRevisionSecretsAsync(string app, string version, IReadOnlyList<Secrets.SecretUse> secrets, CancellationToken cancellationToken);

    /// <summary>What <see cref="SaveRevisionSecretsAsync"/> recorded last, by name; empty when it had none.</summary>
    Task<IReadOnlyList<Secrets.SecretUse>> GetRevisionSecretsAsync(string app, string version, CancellationToken cancellationToken);

    /// <summary>Every app with a revision recorded, in name order.</summary>
    Task<IReadOnlyList<string>> ListAppsAsync(CancellationToken cancellationToken);

    Task SavePipelineRunAsync(PipelineRun run, CancellationToken cancellationToken);

    Task<PipelineRun?> GetPipelineRunAsync(string id, CancellationToken cancellationToken);

    /// <summary>Runs of every app still recorded as running.</summary>
    Task<IReadOnlyList<PipelineRun>> ListUnfinishedPipelineRunsAsync(CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<PipelineRun>> ListPipelineRunsAsync(string app, int limit, CancellationToken cancellationToken);
}

public sealed record RolloutEvent(long Id, string RolloutId, DateTimeOffset At, string Message, double? DurationMs);

/// <summary>Starting: launched, not yet healthy. Running: healthy once. Stopped: stopped by the controller.
/// Dead: it exited or stopped answering on its own while it should have run.</summary>
public enum RevisionStatus { Starting, Running, Stopped, Dead }

/// <summary>A revision process as recorded: enough to adopt it after a controller restart. A revision that runs several
/// instances has a record for each; its first (<paramref name="Instance"/> 0) stands for the revision as a whole: its
/// manifest, and whether it serves, died or was stopped.</summary>
/// <param name="Pid">0 while only the intent to start it is recorded (see <paramref name="LaunchId"/>).</param>
/// <param name="LaunchId">Recorded before the process is spawned and given to it, so that a controller that died in
/// between leaves a process the next one can find; null in records written before launch ids existed.</param>
/// <param name="ManifestDigest">The manifest snapshot the revision was started from: it is started again, health-checked
/// and stopped by that one; null in records written before releases carried their manifest.</param>
public sealed record RevisionRecord(
    string App, string Version, int Pid, long StartTime, int Port, string LogFile, RevisionStatus Status, DateTimeOffset StartedAt,
    string? LaunchId = null, string? ManifestDigest = null, int Instance = 0)
{
    /// <summary>"2.0" for a revision's first instance, "2.0#1" for the second: how events, logs and status name it.</summary>
    public string Name => NameOf(Version, Instance);

    public static string NameOf(string version, int instance) => instance == 0 ? version : $"{version}#{instance}";
}
