using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets.Decoding;

/// <summary>
/// gitleaks' own decoding test (detect_test.go "detect encoded": its encodedTestValues with testdata/config/
/// encoded.toml, both vendored unchanged, see Gitleaks/NOTICE) with its expected findings: rule, line, the
/// encodings of its decoded:* tags and its decode-depth tag.
/// </summary>
public sealed class GitleaksDecodingConformanceTests
{
    private static readonly string Vendored = Path.Combine(AppContext.BaseDirectory, "Secrets", "Gitleaks");

    [Fact]
    public void EncodedTestValues_GiveGitleaksFindings()
    {
        var rules = GitleaksConfig.Load(Path.Combine(Vendored, "config", "encoded.toml"));
        var text = File.ReadAllText(Path.Combine(Vendored, "encoded.txt"));
        // gitleaks' test runs with a depth of 8 (it has a 7-deep case).
        var scanner = new SecretScanner(rules, new SecretScanOptions { MaxDecodeDepth = 8 });

        var actual = scanner.ScanText("tmp.go", text)
            .Select(f => (f.RuleId, f.Line, Kinds(f.Decoded ?? []), f.Decoded?.Count ?? 0))
            .Order().ToList();

        // gitleaks numbers this fragment's lines from 0, Greenlight from 1: its StartLine + 1.
        (string, int, string, int)[] expected =
        [
            ("private-key", 2, "", 0),
            ("b64-encoded-private-key", 8, "", 0),
            ("private-key", 8, "base64", 1),
            ("small-secret", 15, "base64", 1),
            ("overlapping", 18, "base64", 1),
            ("decoded-password-dont-ignore", 23, "base64", 1),
            ("overlapping", 26, "hex", 1),
            ("overlapping", 30, "percent", 1),
            ("overlapping", 32, "percent", 1),
            ("aws-iam-unique-identifier", 11, "base64", 2),
            ("aws-secret-access-key", 11, "base64", 2),
            ("overlapping", 20, "base64", 2),
            ("overlapping", 40, "hex,percent", 2),
            ("overlapping", 38, "base64,percent", 3),
            ("overlapping", 42, "base64,percent", 2),
            ("overlapping", 44, "base64,percent", 2),
            ("overlapping", 47, "base64,hex,percent", 7),
            ("overlapping", 50, "base64,percent", 5),
            ("overlapping", 52, "base64,percent", 4),
            ("overlapping", 54, "base64,percent", 4),
        ];
        Assert.Equal(expected.Select(e => (e.Item1, e.Item2 + 1, e.Item3, e.Item4)).Order().ToList(), actual);
    }

    [Fact]
    public void EncodedTestValues_DepthOne_FindsOnlyTheOnePassFindings()
    {
        var rules = GitleaksConfig.Load(Path.Combine(Vendored, "config", "encoded.toml"));
        var text = File.ReadAllText(Path.Combine(Vendored, "encoded.txt"));

        var findings = new SecretScanner(rules, new SecretScanOptions { MaxDecodeDepth = 1 }).ScanText("tmp.go", text);

        Assert.All(findings, f => Assert.True(f.Decoded is null or { Count: 1 }, f.ToString()));
        Assert.Equal(9, findings.Count);
    }

    // gitleaks' tags are a set of encodings; the chain's entries may join two ("hex+percent").
    private static string Kinds(IEnumerable<string> chain) =>
        string.Join(',', chain.SelectMany(c => c.Split('+')).Distinct().Order(StringComparer.Ordinal));
}
