namespace Greenlight.Core.Manifest;

/// <summary>Thrown by <see cref="ManifestResult.GetOrThrow"/>; carries every problem found, not only the first.</summary>
public sealed class ManifestException(IReadOnlyList<ManifestError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ManifestError> Errors { get; } = errors;
}
