using Greenlight.Core.Drift;
using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Drift;

/// <summary>What one look at the app found, before anything is healed.</summary>
/// <param name="Reconcile">What the manifest of the serving revision says to do about it.</param>
/// <param name="Unchecked">What could not be looked at, and why (the edge did not answer, a revision has no fingerprint).</param>
/// <param name="UncheckedKinds">Kinds of drift not looked at: what is on record of them stays as it is.</param>
/// <param name="ServingRelease">The release that serves, whose log drift is written to; null when none ever served.</param>
internal sealed record DriftScan(
    IReadOnlyList<DriftFinding> Findings,
    ReconcileMode Reconcile,
    IReadOnlyList<string> Unchecked,
    IReadOnlySet<DriftKind> UncheckedKinds,
    string? ServingRelease);
