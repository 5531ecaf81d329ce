using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Control;

/// <summary>A request the controller refuses without changing anything; the message says why and what to do.</summary>
public sealed class ReleaseRejectedException(RejectionKind kind, string message, IReadOnlyList<ManifestError>? manifestErrors = null)
    : Exception(message)
{
    public RejectionKind Kind { get; } = kind;

    /// <summary>Every problem of a manifest refused with the request, each with its file, line and column.</summary>
    public IReadOnlyList<ManifestError> ManifestErrors { get; } = manifestErrors ?? [];

    public static ReleaseRejectedException InvalidManifest(IReadOnlyList<ManifestError> errors) => new(RejectionKind.Invalid,
        $"the manifest has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}; nothing was released:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}",
        errors);
}

public enum RejectionKind
{
    /// <summary>The request itself is malformed (bad version string, invalid manifest).</summary>
    Invalid,
    /// <summary>The request conflicts with what runs now (a release in progress, nothing to roll back).</summary>
    Conflict,
    NotFound,
    /// <summary>A rule about who may ask refused it (an approval by the release's requester); the message names the rule.</summary>
    Forbidden,
}
