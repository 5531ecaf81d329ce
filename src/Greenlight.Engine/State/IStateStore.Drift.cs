using Greenlight.Core.Drift;
using Greenlight.Core.Traffic;

namespace Greenlight.Engine.State;

/// <summary>What drift compares with: each revision's fingerprint, the route last set, and the drift found and not yet over.</summary>
public partial interface IStateStore
{
    /// <summary>Replaces the revision's fingerprint (a revision started again is fingerprinted again).</summary>
    Task SaveFingerprintAsync(RevisionFingerprint fingerprint, CancellationToken cancellationToken);

    Task<RevisionFingerprint?> GetFingerprintAsync(string app, string revision, CancellationToken cancellationToken);

    /// <summary>Records the route the controller just set for its app.</summary>
    Task SaveRouteSetAsync(AppRoute route, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The route the controller last set for the app; null when it never set one.</summary>
    Task<RouteSet?> GetRouteSetAsync(string app, CancellationToken cancellationToken);

    /// <summary>The app's route was taken off the edge on purpose (`down --app`): there is nothing to compare any more.</summary>
    Task ForgetRouteSetAsync(string app, CancellationToken cancellationToken);

    /// <summary>The app's drift found and not yet over.</summary>
    Task<IReadOnlyList<DriftFinding>> ListDriftAsync(string app, CancellationToken cancellationToken);

    /// <summary>Replaces the app's drift on record.</summary>
    Task SaveDriftAsync(string app, IReadOnlyList<DriftFinding> open, CancellationToken cancellationToken);
}

/// <summary>A route as the controller set it, and when.</summary>
public sealed record RouteSet(AppRoute Route, string Digest, DateTimeOffset At);
