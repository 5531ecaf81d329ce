using Greenlight.Engine.Teardown;

namespace Greenlight.Server.Down;

/// <summary>What `greenlight down` found running in a state directory and stopped, in the order it stopped it.</summary>
/// <param name="Controller">The controller, when one ran.</param>
/// <param name="Edges">The edge; a second one when a standby took over as the first one stopped.</param>
public sealed record DownReport(string StateDirectory, ProcessStopped? Controller, IReadOnlyList<ProcessStopped> Edges, IReadOnlyList<AppStopped> Apps)
{
    public bool StoppedAnything => Controller is not null || Edges.Count > 0 || Apps.Any(a => a.Revisions.Count > 0 || a.Route == RouteRemoval.Removed);
}

/// <param name="Graceful">True: it ended on SIGTERM within its grace (the edge having drained its requests);
/// false: it was still there after its grace and was killed.</param>
/// <param name="Ms">From SIGTERM to its end.</param>
public sealed record ProcessStopped(int Pid, bool Graceful, double Ms);
