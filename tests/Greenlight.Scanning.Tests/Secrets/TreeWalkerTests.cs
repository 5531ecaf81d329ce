using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class TreeWalkerTests
{
    [Fact]
    public void ScanDirectory_SecretsInSkippedPlaces_NotReported()
    {
        using var tree = new TempTree();
        var line = $"id={Fake.AwsKeyId}\n";
        foreach (var dir in new[] { ".git", "bin", "obj", "node_modules", "src/node_modules/x", "src/bin" })
            tree.Write($"{dir}/leak.txt", line);
        tree.Write("big.txt", new string('#', 4096) + "\n" + line);
        File.WriteAllBytes(Path.Combine(tree.Root, "blob.bin"), [.. "\0\0"u8, .. System.Text.Encoding.UTF8.GetBytes(line)]);
        tree.Write("src/kept.txt", line);

        var findings = new SecretScanner(options: new SecretScanOptions { MaxFileBytes = 1024 }).ScanDirectory(tree.Root);

        Assert.Equal("src/kept.txt", Assert.Single(findings).File);
    }

    [Fact]
    public void ScanDirectory_SmallFilesAfterLargeOnes_EachScannedWithOnlyItsOwnText()
    {
        // Files are read into pooled buffers: a small file must not see the tail a larger one left behind.
        using var tree = new TempTree();
        for (var i = 0; i < 20; i++)
        {
            tree.Write($"big{i:00}.txt", new string('#', 200_000) + $"\nid={Fake.AwsKeyId}\n");
            tree.Write($"small{i:00}.txt", "nothing here\n");
        }

        var findings = new SecretScanner().ScanDirectory(tree.Root);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"big{i:00}.txt"), findings.Select(f => f.File));
    }
}
