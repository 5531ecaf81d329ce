using System.Net.Sockets;
using Greenlight.Core.Files;
using Greenlight.Scanning.Dependencies;
using Greenlight.Scanning.Iac;
using Greenlight.Scanning.Secrets;
using Greenlight.Scanning.Tests.Secrets;
using Greenlight.Scanning.Trees;

namespace Greenlight.Scanning.Tests.Trees;

/// <summary>
/// FIFOs, sockets and devices in a tree: a scanner that opened one would block forever (a FIFO) or read without
/// end (a device). Each scan runs with a deadline, so that a regression fails here rather than hanging the suite.
/// </summary>
public sealed class SpecialFileTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void FileKinds_TellSpecialFilesFromRegularOnesWithoutOpeningThem()
    {
        using var tree = new TempTree();
        var fifo = tree.Fifo("pipe");
        var file = tree.Write("file.txt", "x");
        var link = Path.Combine(tree.Root, "link");
        File.CreateSymbolicLink(link, fifo);
        using var socket = Socket(tree, "app.sock");

        Assert.Equal(FileKind.Special, FileKinds.Of(fifo));
        Assert.Equal(FileKind.Special, FileKinds.Of(Path.Combine(tree.Root, "app.sock")));
        Assert.Equal(FileKind.Special, FileKinds.Of("/dev/null"));
        Assert.Equal(FileKind.Regular, FileKinds.Of(file));
        Assert.Equal(FileKind.Directory, FileKinds.Of(tree.Root));
        Assert.Equal(FileKind.Symlink, FileKinds.Of(link));
        Assert.Equal(FileKind.Special, FileKinds.TargetOf(link));
        Assert.Equal(FileKind.Missing, FileKinds.Of(Path.Combine(tree.Root, "gone")));
    }

    [Fact]
    public async Task SecretScan_FifoSocketAndLinkToADevice_AreSkippedAndReportedWhileTheRestIsScanned()
    {
        using var tree = new TempTree();
        tree.Fifo("src/pipe");
        using var socket = Socket(tree, "run/app.sock");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "zero"), "/dev/zero");
        tree.Write("src/config.txt", $"id={Fake.AwsKeyId}\n");
        var gaps = new TreeGaps();

        var findings = await Task.Run(() => new SecretScanner().ScanDirectory(tree.Root, gaps)).WaitAsync(Deadline);

        Assert.Equal("src/config.txt", Assert.Single(findings).File);
        Assert.Equal(["run/app.sock", "src/pipe"], gaps.Skipped.Select(s => s.Path));
        Assert.Contains("not a regular file", gaps.Skipped[0].Reason);
        Assert.Empty(gaps.Unreadable);
    }

    [Fact]
    public async Task SecretScan_FileLockedByAnotherProcess_ReportedUnreadableAndTheScanGoesOn()
    {
        using var tree = new TempTree();
        var locked = tree.Write("data/app.db", "x");
        tree.Write("src/config.txt", $"id={Fake.AwsKeyId}\n");
        using var holder = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var gaps = new TreeGaps();

        var findings = await Task.Run(() => new SecretScanner().ScanDirectory(tree.Root, gaps)).WaitAsync(Deadline);

        Assert.Single(findings);
        Assert.Equal("data/app.db: cannot be read: locked by another process", Assert.Single(gaps.Unreadable).ToString());
    }

    [Fact]
    public void SecretScan_WithoutGaps_AnUnreadableFileFailsTheScanNamingIt()
    {
        using var tree = new TempTree();
        var locked = tree.Write("data/app.db", "x");
        using var holder = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Throws<IOException>(() => new SecretScanner().ScanDirectory(tree.Root));

        Assert.Equal("the scan is incomplete: data/app.db: cannot be read: locked by another process", error.Message);
    }

    [Fact]
    public async Task IacScan_FifoNamedLikeAManifest_IsSkippedAndReported()
    {
        using var tree = new TempTree();
        tree.Fifo("k8s/web.yaml");
        tree.Write("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: web:latest\n");
        var gaps = new TreeGaps();

        var findings = await Task.Run(() => new IacScanner().Scan(tree.Root, gaps)).WaitAsync(Deadline);

        Assert.All(findings, f => Assert.Equal("k8s/pod.yaml", f.File));
        Assert.NotEmpty(findings);
        Assert.Equal("k8s/web.yaml", Assert.Single(gaps.Skipped).Path);
    }

    [Fact]
    public async Task IacScan_PointedAtAFifo_FailsRatherThanPassingBlind()
    {
        using var tree = new TempTree();
        var fifo = tree.Fifo("plan.json");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Task.Run(() => new IacScanner().Scan(fifo)).WaitAsync(Deadline));

        Assert.Contains("plan.json is not a regular file", error.Message);
    }

    [Fact]
    public async Task DependencyScan_FifoNamedLikeALockFile_IsSkippedAndReported()
    {
        using var tree = new TempTree();
        tree.Fifo("web/package-lock.json");
        tree.Write("api/packages.lock.json", """
            { "version": 1, "dependencies": { "net10.0": { "Dapper": { "type": "Direct", "resolved": "2.1.35" } } } }
            """);
        var gaps = new TreeGaps();

        var packages = await Task.Run(() => DependencyScanner.ReadPackages(tree.Root, gaps)).WaitAsync(Deadline);

        Assert.Equal("Dapper", Assert.Single(packages).Name);
        Assert.Equal("web/package-lock.json", Assert.Single(gaps.Skipped).Path);
    }

    [Fact]
    public async Task DependencyScan_LockFileLinkedFromOutsideTheTree_IsRead()
    {
        using var tree = new TempTree();
        using var outside = new TempTree();
        var target = outside.Write("packages.lock.json", """
            { "version": 1, "dependencies": { "net10.0": { "Dapper": { "type": "Direct", "resolved": "2.1.35" } } } }
            """);
        Directory.CreateDirectory(Path.Combine(tree.Root, "api"));
        File.CreateSymbolicLink(Path.Combine(tree.Root, "api", "packages.lock.json"), target);

        var packages = await Task.Run(() => DependencyScanner.ReadPackages(tree.Root)).WaitAsync(Deadline);

        Assert.Equal("Dapper", Assert.Single(packages).Name);
    }

    [Fact]
    public void Scan_Cancelled_StopsWalkingTheTree()
    {
        using var tree = new TempTree();
        tree.Write("a/b.txt", "x");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new SecretScanner().ScanDirectory(tree.Root, new TreeGaps(), cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => new IacScanner().Scan(tree.Root, new TreeGaps(), cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => DependencyScanner.ReadPackages(tree.Root, new TreeGaps(), cancelled.Token));
    }

    private static Socket Socket(TempTree tree, string relative)
    {
        var path = Path.Combine(tree.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }
}
