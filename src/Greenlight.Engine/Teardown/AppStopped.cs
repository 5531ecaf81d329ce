using Greenlight.Core.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Teardown;

/// <summary>What `greenlight down` did to one app.</summary>
/// <param name="Unfinished">Releases in progress or waiting: the next controller resumes them.</param>
public sealed record AppStopped(string App, RouteRemoval Route, IReadOnlyList<RevisionStopped> Revisions, IReadOnlyList<UnfinishedRelease> Unfinished);

/// <summary>Removed: the route left the edge after its requests in flight. Absent: there was none. Kept: the edge itself
/// was stopped and keeps the route in its saved table, served again when an edge starts.</summary>
public enum RouteRemoval { Removed, Absent, Kept }

/// <param name="Pid">As recorded; 0 for a revision whose launch was recorded but not its process.</param>
/// <param name="WasRunning">False for one recorded as running, starting or dead that had exited already: only its record changed.</param>
/// <param name="Was">Its recorded status before: Running, Starting or Dead.</param>
public sealed record RevisionStopped(string Version, int Pid, bool WasRunning, RevisionStatus Was)
{
    /// <summary>Which of the revision's processes it was (0 for the first).</summary>
    public int Instance { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string Text => WasRunning
        ? $"{RevisionRecord.NameOf(Version, Instance)} (pid {Pid})"
        : $"{RevisionRecord.NameOf(Version, Instance)} (not running; was recorded {Was.ToString().ToLowerInvariant()})";
}

public sealed record UnfinishedRelease(string Id, string Version, RolloutPhase Phase);
