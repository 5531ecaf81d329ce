namespace Greenlight.Core.Manifest;

/// <summary>
/// One problem in a manifest, located like a compiler error so editors can jump to it.
/// <paramref name="Line"/> and <paramref name="Column"/> are 1-based; 0 when the file could not be read at all.
/// <paramref name="Path"/> is the key path (<c>checks[0].steps[1].expect.status</c>), empty for the document itself.
/// </summary>
public sealed record ManifestError(string File, int Line, int Column, string Path, string Message, string? Expected)
{
    /// <summary>For example <c>greenlight.yaml:12:5: strategy.blueGreen.warmFor: found "tomorrow", expected a duration such as 30s, 5m, 24h</c>.</summary>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var path = Path.Length > 0 ? $" {Path}:" : "";
        var expected = Expected is null ? "" : $", expected {Expected}";
        return $"{location}:{path} {Message}{expected}";
    }
}
