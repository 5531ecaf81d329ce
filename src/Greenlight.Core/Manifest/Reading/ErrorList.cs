using YamlDotNet.Core;

namespace Greenlight.Core.Manifest.Reading;

/// <summary>Collects problems instead of throwing, so one run of the loader reports all of them.</summary>
internal sealed class ErrorList(string file)
{
    private readonly List<ManifestError> errors = [];

    public int Count => errors.Count;

    public void Add(Mark at, string path, string message, string? expected = null) =>
        errors.Add(new ManifestError(file, (int)at.Line, (int)at.Column, path, message, expected));

    /// <summary>Readers visit keys in code order; users read files top to bottom.</summary>
    public IReadOnlyList<ManifestError> Sorted() => [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
