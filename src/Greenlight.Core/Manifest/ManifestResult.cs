using System.Diagnostics.CodeAnalysis;

namespace Greenlight.Core.Manifest;

/// <summary>Either a valid manifest or every problem found in it, sorted by position.</summary>
public sealed class ManifestResult
{
    private ManifestResult(AppManifest? manifest, IReadOnlyList<ManifestError> errors)
    {
        Manifest = manifest;
        Errors = errors;
    }

    public AppManifest? Manifest { get; }

    public IReadOnlyList<ManifestError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Manifest))]
    public bool IsValid => Manifest is not null;

    public AppManifest GetOrThrow() => Manifest ?? throw new ManifestException(Errors);

    internal static ManifestResult Valid(AppManifest manifest) => new(manifest, []);

    internal static ManifestResult Invalid(IReadOnlyList<ManifestError> errors) => new(null, errors);
}
