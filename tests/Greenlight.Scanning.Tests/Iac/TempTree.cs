using Greenlight.Scanning.Iac;

namespace Greenlight.Scanning.Tests.Iac;

/// <summary>A throwaway directory for fixture files, so tests never depend on each other's data.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "gl-iac-" + Guid.NewGuid().ToString("N"));

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Scans a tree holding just this one file.</summary>
    public static IReadOnlyList<IacFinding> Scan(string file, string content, IacScanOptions? options = null)
    {
        using var tree = new TempTree();
        tree.Write(file, content);
        return new IacScanner(options).Scan(tree.Root);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
