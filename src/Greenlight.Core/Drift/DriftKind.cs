namespace Greenlight.Core.Drift;

/// <summary>How what runs differs from what the controller released.</summary>
public enum DriftKind
{
    /// <summary>A revision recorded as running is not: it exited, was killed, or was stopped by hand.</summary>
    RevisionDied,

    /// <summary>A revision's process is gone but something else answers on its port: it was replaced by hand.</summary>
    RevisionReplaced,

    /// <summary>The files a revision runs (its working directory, its command) changed on disk after it started.</summary>
    FilesChanged,

    /// <summary>The edge routes the app otherwise than the controller last set it.</summary>
    RouteChanged,

    /// <summary>A secret the revision was started with has a newer version now: the revision still runs the old one.</summary>
    SecretRotated,

    /// <summary>A region serves a version and manifest that never passed the environment before its own (started outside
    /// a release): never repaired by the controller, as rolling production back on a drift check is not safe.</summary>
    UnpromotedVersion,
}
