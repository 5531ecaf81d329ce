using Greenlight.Scanning.Iac;

namespace Greenlight.Scanning.Tests.Iac;

internal static class OneFile
{
    /// <summary>Scans a tree holding just this one file.</summary>
    public static IReadOnlyList<IacFinding> Scan(string file, string content, IacScanOptions? options = null)
    {
        using var tree = new TempTree();
        tree.Write(file, content);
        return new IacScanner(options).Scan(tree.Root);
    }
}
