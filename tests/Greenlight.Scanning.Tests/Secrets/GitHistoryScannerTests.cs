using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class GitHistoryScannerTests
{
    [Fact]
    public void Scan_SecretCommittedThenDeleted_FoundInHistoryButNotInWorkingTree()
    {
        using var repo = new TempRepo();
        repo.Write("README.md", "# app\n");
        repo.Write("config/app.env", $"# settings\nREGION=eu-west-1\nAWS_ACCESS_KEY_ID={Fake.AwsKeyId}\n");
        var added = repo.Commit("add config");
        repo.Git("rm", "-q", "config/app.env");
        repo.Commit("remove leaked key");

        var inTree = new SecretScanner().ScanDirectory(repo.Root);
        var inHistory = new GitHistoryScanner().Scan(repo.Root);

        Assert.Empty(inTree);
        var f = Assert.Single(inHistory);
        Assert.Equal(("aws-access-key-id", added, "config/app.env", 3, 19), (f.RuleId, f.Commit, f.File, f.Line, f.Column));
        Assert.Equal(TempRepo.Date, f.AuthorDate);
        Assert.Equal($"{added}:config/app.env:aws-access-key-id:3", f.Fingerprint);
        Assert.DoesNotContain(Fake.AwsKeyId[..8], f.ToString());
        Assert.StartsWith(added[..12] + ":config/app.env:3:19: aws-access-key-id: ", f.ToString());
    }

    [Fact]
    public void Scan_SecretInsertedIntoExistingFile_ReportsLineOfThatCommitsVersion()
    {
        using var repo = new TempRepo();
        var lines = Enumerable.Range(1, 10).Select(i => $"line {i}").ToList();
        repo.Write("src/app.py", string.Join("\n", lines) + "\n");
        repo.Commit("first");
        lines.Insert(6, $"STRIPE = '{Fake.Stripe}'");
        lines[1] = "changed line 2";
        repo.Write("src/app.py", string.Join("\n", lines) + "\n");
        var second = repo.Commit("second");

        var f = Assert.Single(new GitHistoryScanner().Scan(repo.Root));

        Assert.Equal(("stripe-key", second, 7), (f.RuleId, f.Commit, f.Line));
    }

    [Fact]
    public void Scan_PrivateKeyAddedAsOneBlock_FoundAtItsFirstLine()
    {
        using var repo = new TempRepo();
        repo.Write("keys/deploy", "# deploy key\n" + Fake.PrivateKey);
        var sha = repo.Commit("key");

        var f = Assert.Single(new GitHistoryScanner().Scan(repo.Root));

        Assert.Equal(("private-key", sha, 2), (f.RuleId, f.Commit, f.Line));
    }

    [Fact]
    public void Scan_SecretOnLineWithAllowComment_NotReported()
    {
        using var repo = new TempRepo();
        repo.Write("tests/fixture.py", $"KEY = '{Fake.GitHub}'  # {SecretScanner.AllowComment}\n");
        repo.Commit("fixture");

        Assert.Empty(new GitHistoryScanner().Scan(repo.Root));
    }

    [Fact]
    public void Scan_BinaryFileHoldingSecret_Skipped()
    {
        using var repo = new TempRepo();
        File.WriteAllBytes(Path.Combine(repo.Root, "blob.bin"),
            [.. "\0\0"u8, .. System.Text.Encoding.UTF8.GetBytes($"id={Fake.AwsKeyId}\n")]);
        repo.Commit("binary");

        Assert.Empty(new GitHistoryScanner().Scan(repo.Root));
    }

    [Fact]
    public void Scan_FileRenamedAfterwards_ReportedOnceInCommitThatAddedIt()
    {
        using var repo = new TempRepo();
        repo.Write("old/name.env", $"one\ntwo\nGH={Fake.GitHub}\nfour\n");
        var added = repo.Commit("add");
        Directory.CreateDirectory(Path.Combine(repo.Root, "new"));
        repo.Git("mv", "old/name.env", "new/name.env");
        repo.Write("new/name.env", $"one\ntwo\nGH={Fake.GitHub}\n4\n"); // renamed and edited, as renames often are
        repo.Commit("rename");

        var f = Assert.Single(new GitHistoryScanner().Scan(repo.Root));

        Assert.Equal((added, "old/name.env", 3), (f.Commit, f.File, f.Line));
    }

    [Fact]
    public void Scan_SecretFromMergedBranch_ReportedOnceInBranchCommit()
    {
        using var repo = new TempRepo();
        repo.Write("a.txt", "base\n");
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("b.txt", $"token: {Fake.GitLab}\n");
        var onBranch = repo.Commit("feature");
        repo.Git("checkout", "-q", "main");
        repo.Write("c.txt", "main moves on\n");
        repo.Commit("main");
        repo.Git("merge", "-q", "--no-ff", "-m", "merge", "feature");

        var f = Assert.Single(new GitHistoryScanner().Scan(repo.Root));

        Assert.Equal((onBranch, "b.txt"), (f.Commit, f.File));
    }

    [Fact]
    public void Scan_SecretInSkippedDirectory_NotReported()
    {
        using var repo = new TempRepo();
        repo.Write("node_modules/pkg/fixture.js", $"const k = \"{Fake.Stripe}\";\n");
        repo.Write("src/app.js", $"const k = \"{Fake.Stripe}\";\n");
        repo.Commit("vendored");

        Assert.Equal("src/app.js", Assert.Single(new GitHistoryScanner().Scan(repo.Root)).File);
    }

    [Fact]
    public void Scan_FindingInBaseline_Skipped()
    {
        using var repo = new TempRepo();
        repo.Write("a.env", $"AWS_ID={Fake.AwsKeyId}\n");
        repo.Commit("one");
        var first = new GitHistoryScanner().Scan(repo.Root);
        var options = new SecretScanOptions { Baseline = new SecretBaseline(first.Select(f => f.Fingerprint)) };

        Assert.Single(first);
        Assert.Empty(new GitHistoryScanner(options: options).Scan(repo.Root));
    }

    [Fact]
    public void Scan_LogOptionsSelectCommits_OnlyThoseScanned()
    {
        using var repo = new TempRepo();
        repo.Write("a.env", $"AWS_ID={Fake.AwsKeyId}\n");
        repo.Commit("old");
        repo.Write("b.env", $"GH={Fake.GitHub}\n");
        var recent = repo.Commit("recent");

        var f = Assert.Single(new GitHistoryScanner().Scan(repo.Root, "HEAD~1..HEAD"));

        Assert.Equal(("github-token", recent), (f.RuleId, f.Commit));
    }

    [Fact]
    public void Scan_DirectoryIsNoRepository_ThrowsWithGitsMessage()
    {
        using var tree = new TempTree();

        var e = Assert.Throws<GitHistoryException>(() => new GitHistoryScanner().Scan(tree.Root));

        Assert.Contains("not a git repository", e.Message);
    }
}
