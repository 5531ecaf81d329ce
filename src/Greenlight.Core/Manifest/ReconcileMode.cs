namespace Greenlight.Core.Manifest;

/// <summary>What the controller does about drift it finds (<c>reconcile</c> in the manifest; docs/manifest.md).</summary>
public enum ReconcileMode
{
    /// <summary>Drift is reported (status, events, <c>greenlight drift</c>) and left as it is.</summary>
    Off,

    /// <summary>What can be put back safely is: a dead serving revision is started again, a changed route table is set
    /// back. Files changed on disk are only reported: which copy is right is for a person to say.</summary>
    Auto,
}
