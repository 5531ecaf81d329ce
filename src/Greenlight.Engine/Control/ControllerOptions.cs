using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;
using Greenlight.Core.Targets;
using Greenlight.Core.Traffic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Engine.Control;

public sealed record ControllerOptions
{
    public required AppManifest Manifest { get; init; }

    /// <summary>Where state.db and revision logs live, normally <c>.greenlight/</c> beside the manifest.</summary>
    public required string StateDirectory { get; init; }

    public required ITrafficRouter Router { get; init; }

    public required IDeploymentTarget Target { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>For a lane of an app with environments: the lane's view of each release's manifest (its environment's
    /// overrides applied, its region's edge, named after the lane); null releases manifests as they are.</summary>
    public Func<AppManifest, AppManifest>? Project { get; init; }

    /// <summary>How often the controller checks for drift (it also checks when a revision dies, and when asked).</summary>
    public TimeSpan DriftInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The current versions of a revision's secrets, for drift ("a secret rotated"); none when null.</summary>
    public Drift.ISecretVersions? SecretVersions { get; init; }

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>A follower's lanes: they answer reads from the shared store and start nothing (no resumed rollouts or
    /// releases, no watcher, drift monitor or notifications), since another controller leads.</summary>
    public bool Passive { get; init; }

    /// <summary>The state the host opened (<c>up --state</c>); null: the embedded SQLite store of <see cref="StateDirectory"/>.</summary>
    public State.ControllerState? State { get; init; }

    /// <summary>A store on the controller's state for one lane or host, masking <paramref name="secrets"/>: every one
    /// shares the state's database and lease.</summary>
    public State.IStateStore OpenStore(SecretValues? secrets = null) =>
        State?.OpenStore(secrets, Time) ?? Engine.State.StateStores.OpenSqlite(StateDirectory, Time, secrets);
}
