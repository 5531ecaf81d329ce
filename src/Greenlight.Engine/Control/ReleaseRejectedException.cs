namespace Greenlight.Engine.Control;

/// <summary>A request the controller refuses without changing anything; the message says why and what to do.</summary>
public sealed class ReleaseRejectedException(RejectionKind kind, string message) : Exception(message)
{
    public RejectionKind Kind { get; } = kind;
}

public enum RejectionKind
{
    /// <summary>The request itself is malformed (bad version string).</summary>
    Invalid,
    /// <summary>The request conflicts with what runs now (a release in progress, nothing to roll back).</summary>
    Conflict,
    NotFound,
}
