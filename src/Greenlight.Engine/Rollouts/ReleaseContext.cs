using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;
using Greenlight.Core.Traffic;
using Greenlight.Engine.Checks;
using Greenlight.Engine.State;
using Microsoft.Extensions.Logging;

namespace Greenlight.Engine.Rollouts;

/// <summary>Everything a rollout needs to act on the world, resolved once by the controller.</summary>
internal sealed record ReleaseContext(
    AppManifest Manifest,
    string StateDirectory,
    IStateStore Store,
    IDeploymentTarget Target,
    ITrafficRouter Router,
    HttpClient Http,
    TimeProvider Time,
    ILogger Logger)
{
    public SyntheticCheckRunner Checks { get; } = new(Http, Time);

    public string App => Manifest.App;

    /// <summary>Route changes of one app are read-modify-write on the edge; this keeps them in order.</summary>
    public SemaphoreSlim RouteLock { get; } = new(1, 1);

    public Uri PublicAddress => new($"http://{Manifest.Edge.Listen}/");

    public RevisionSpec SpecFor(string version)
    {
        var run = Manifest.Run.ForVersion(version);
        // The revision learns who it is; these also let operators (and tests) find its processes.
        var env = new Dictionary<string, string>(run.Environment) { ["GREENLIGHT_APP"] = App, ["GREENLIGHT_REVISION"] = version };
        return new RevisionSpec(
            App, version, run.Command, run.Args, run.WorkingDirectory, env,
            Manifest.Health.Path, Manifest.Health.Timeout, Manifest.Health.Interval,
            Path.Combine(StateDirectory, "logs", $"{App}-{version}.log"));
    }

    public static RevisionHandle HandleOf(RevisionRecord r) => new(r.App, r.Version, r.Pid, r.StartTime, r.Port, r.LogFile);
}
