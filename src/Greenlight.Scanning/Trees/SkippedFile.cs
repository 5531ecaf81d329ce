namespace Greenlight.Scanning.Trees;

/// <summary>A file or folder a scan did not read, and why.</summary>
/// <param name="Path">Relative to the scanned root, '/'-separated.</param>
public sealed record SkippedFile(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
