using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>gitleaks' .gitleaksignore at the scanned tree's root, for working-tree and history scans.</summary>
public sealed class GitleaksIgnoreTests
{
    // A line of gitleaks' own .gitleaksignore, which its README gives as the example of the format.
    private const string FromGitleaksDocs = "418edf165dbb63d6f46993ae8f8818ffd87ea582:cmd/generate/config/rules/jwt.go:jwt:17";

    private static SecretScanOptions OptionsFor(string root) => new() { GitleaksIgnore = GitleaksIgnore.AtRoot(root) };

    private static string JwtAtLine17() =>
        string.Concat(Enumerable.Range(1, 16).Select(i => $"// line {i}\n")) + $"const token = \"{Fake.Jwt}\"\n";

    [Fact]
    public void ScanDirectory_GlobalFingerprintFromGitleaksDocs_SilencesThatFindingOnly()
    {
        using var tree = new TempTree();
        tree.Write("cmd/generate/config/rules/jwt.go", JwtAtLine17());
        tree.Write("other.go", $"const token = \"{Fake.Jwt}\"\n");
        // The documented line without its commit is the fingerprint gitleaks gives the finding in a directory scan.
        tree.Write(".gitleaksignore", "# accepted fixtures\n\n" + FromGitleaksDocs[(FromGitleaksDocs.IndexOf(':') + 1)..] + "\n");
        var options = OptionsFor(tree.Root);

        var findings = new SecretScanner(options: options).ScanDirectory(tree.Root);

        Assert.Equal("other.go", Assert.Single(findings).File);
        Assert.Equal(1, options.Suppressed[Suppression.GitleaksIgnore]);
        Assert.Empty(options.GitleaksIgnore.Warnings);
    }

    [Fact]
    public void Scan_HistoryFingerprint_IsGitleaksDocumentedFormat_AndSilencesThatCommitOnly()
    {
        using var repo = new TempRepo();
        repo.Write("cmd/generate/config/rules/jwt.go", JwtAtLine17());
        var first = repo.Commit("add");
        repo.Write("cmd/generate/config/rules/jwt.go", JwtAtLine17().Replace("const token", "let token"));
        repo.Commit("edit");
        var printed = new GitHistoryScanner().Scan(repo.Root).Single(f => f.Commit == first).Fingerprint;
        Assert.Equal(first + FromGitleaksDocs[FromGitleaksDocs.IndexOf(':')..], printed);
        repo.Write(".gitleaksignore", printed + "\n");
        var options = OptionsFor(repo.Root);

        var findings = new GitHistoryScanner(options: options).Scan(repo.Root);

        Assert.NotEqual(first, Assert.Single(findings).Commit);
        Assert.Equal(1, options.Suppressed[Suppression.GitleaksIgnore]);
        // A commit's fingerprint names that commit: the working tree's finding is still reported.
        Assert.Single(new SecretScanner(options: options).ScanDirectory(repo.Root));
    }

    [Fact]
    public void Scan_GlobalFingerprint_SilencesTheFindingInEveryCommitAndTheTree()
    {
        using var repo = new TempRepo();
        repo.Write("cmd/generate/config/rules/jwt.go", JwtAtLine17());
        repo.Commit("add");
        repo.Write("cmd/generate/config/rules/jwt.go", JwtAtLine17().Replace("const token", "let token"));
        repo.Commit("edit");
        // Windows-style separators are accepted, as gitleaks normalises them.
        repo.Write(".gitleaksignore", @"cmd\generate\config\rules\jwt.go:jwt:17" + "\n");
        var options = OptionsFor(repo.Root);

        Assert.Empty(new GitHistoryScanner(options: options).Scan(repo.Root));
        Assert.Empty(new SecretScanner(options: options).ScanDirectory(repo.Root));
        Assert.Equal(3, options.Suppressed[Suppression.GitleaksIgnore]);
    }

    [Fact]
    public void AtRoot_MalformedLine_KeptAsGitleaksDoesWithAWarningNamingFileAndLine()
    {
        using var tree = new TempTree();
        tree.Write("a.env", $"TOKEN={Fake.GitHub}\n");
        tree.Write(".gitleaksignore", "# ok\na.env:github-token\na.env:github-token:1\n");
        var options = OptionsFor(tree.Root);

        var warning = Assert.Single(options.GitleaksIgnore.Warnings);
        Assert.StartsWith(Path.Combine(tree.Root, ".gitleaksignore") + ":2: 'a.env:github-token' is not file:rule-id:line", warning);
        Assert.Empty(new SecretScanner(options: options).ScanDirectory(tree.Root));
    }

    [Fact]
    public void Scan_PathOnlyFinding_FingerprintedAtLineZeroAsGitleaksDoes()
    {
        var rules = GitleaksConfig.Parse("""
            [[rules]]
            id = "pkcs12-file"
            path = '''(?i)(?:^|\/)[^\/]+\.p(?:12|fx)$'''
            """);
        using var repo = new TempRepo();
        repo.Write("certs/a.p12", "x");
        repo.Write("certs/b.p12", "y");
        var sha = repo.Commit("certs");
        Assert.Contains($"{sha}:certs/a.p12:pkcs12-file:0", new GitHistoryScanner(rules).Scan(repo.Root).Select(f => f.Fingerprint));
        repo.Write(".gitleaksignore", $"{sha}:certs/a.p12:pkcs12-file:0\ncerts/b.p12:pkcs12-file:0\n");
        var options = OptionsFor(repo.Root);

        Assert.Empty(new GitHistoryScanner(rules, options).Scan(repo.Root));
        Assert.Equal("certs/a.p12", Assert.Single(new SecretScanner(rules, options).ScanDirectory(repo.Root)).File);
    }

    [Fact]
    public void Scan_MatchStartingALineAboveItsSecret_FingerprintedAtTheMatchsLineAsGitleaksDoes()
    {
        var rules = GitleaksConfig.Parse("[[rules]]\nid = \"two-line\"\nregex = 'apikey:\\s*([a-z0-9]{20})'\n");
        using var repo = new TempRepo();
        repo.Write("f.yml", "# x\napikey:\n  abcdefghij0123456789\n");
        var sha = repo.Commit("key");

        var f = Assert.Single(new GitHistoryScanner(rules).Scan(repo.Root));

        Assert.Equal((3, $"{sha}:f.yml:two-line:2"), (f.Line, f.Fingerprint));
    }

    [Fact]
    public void AtRoot_NoFile_Empty()
    {
        using var tree = new TempTree();

        Assert.Same(GitleaksIgnore.Empty, GitleaksIgnore.AtRoot(tree.Root));
    }

    [Fact]
    public void ScanDirectory_BaselineAndGitleaksIgnore_CountedSeparately()
    {
        using var tree = new TempTree();
        tree.Write("a.env", $"TOKEN={Fake.GitHub}\nKEY={Fake.Stripe}\n");
        var accepted = new SecretScanner().ScanDirectory(tree.Root).Single(f => f.RuleId == "stripe-key").Fingerprint;
        tree.Write(".gitleaksignore", "a.env:github-token:1\n");
        var options = new SecretScanOptions { Baseline = new([accepted]), GitleaksIgnore = GitleaksIgnore.AtRoot(tree.Root) };

        Assert.Empty(new SecretScanner(options: options).ScanDirectory(tree.Root));
        Assert.Equal("suppressed 2 findings: 1 by the baseline, 1 by .gitleaksignore", options.Suppressed.ToString());
    }
}
