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
}
