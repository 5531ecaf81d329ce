using System.Text;
using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets.Decoding;

public sealed class DecodingTests
{
    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
    private static string Hex(string text) => Convert.ToHexString(Encoding.ASCII.GetBytes(text));
    private static string Percent(string text) => string.Concat(text.Select(c => $"%{(int)c:X2}"));

    private static IReadOnlyList<SecretFinding> Scan(string path, string text, int depth = SecretScanOptions.DefaultDecodeDepth) =>
        new SecretScanner(options: new SecretScanOptions { MaxDecodeDepth = depth }).ScanText(path, text);

    [Fact]
    public void Base64EncodedAwsKey_ReportedUnderItsRuleAtTheEncodedText()
    {
        var encoded = Base64(Fake.AwsKeyId);
        var text = $"apiVersion: v1\nkind: Secret\ndata:\n  key: \"{encoded}\"\n";

        var f = Assert.Single(Scan("k8s/secret.yaml", text));

        Assert.Equal(("aws-access-key-id", 4, 9), (f.RuleId, f.Line, f.Column));
        Assert.Equal(["base64"], f.Decoded);
        Assert.Contains("(decoded: base64)", f.ToString());
        // Neither the key nor its encoding (which is as good as the key) is printed.
        Assert.DoesNotContain(encoded[4..], f.ToString());
        Assert.DoesNotContain(Fake.AwsKeyId[4..], f.ToString());
    }

    [Fact]
    public void EncodedKeyAtAnyOffset_FoundAtItsColumn()
    {
        // The candidate search reads 8 or 16 chars at a time: a run may start, end or cross anywhere in a block.
        var encoded = Base64(Fake.AwsKeyId);
        for (var pad = 0; pad < 40; pad++)
        {
            var prefix = string.Concat(Enumerable.Range(0, pad).Select(i => i % 5 == 4 ? '.' : 'x'));
            var f = Assert.Single(Scan("a.txt", $"{prefix} {encoded}.\n"));
            Assert.Equal((1, pad + 2), (f.Line, f.Column));
        }
    }

    [Fact]
    public void HexAndPercentEncodedSecrets_Reported()
    {
        var text = $"STRIPE_HEX={Hex(Fake.Stripe)}\nhook={Percent(Fake.SlackWebhook)}\n";

        var findings = Scan("app.env", text);

        Assert.Equal(
            [("stripe-key", 1, 12, "hex"), ("slack-webhook", 2, 6, "percent")],
            findings.Select(f => (f.RuleId, f.Line, f.Column, string.Join(">", f.Decoded!))));
    }

    [Fact]
    public void Base64OfPercentEncoding_FoundAtDepthTwoNotAtDepthOne()
    {
        var text = $"# settings\nblob = {Base64(Percent(Fake.AwsKeyId))}\n";

        var deep = Assert.Single(Scan("settings.toml", text, depth: 2));
        Assert.Empty(Scan("settings.toml", text, depth: 1));

        Assert.Equal(("aws-access-key-id", 2, 8), (deep.RuleId, deep.Line, deep.Column));
        Assert.Equal(["base64", "percent"], deep.Decoded);
    }

    [Fact]
    public void DepthZero_TurnsDecodingOff()
    {
        Assert.Empty(Scan("a.txt", $"key: {Base64(Fake.AwsKeyId)}\n", depth: 0));
    }

    [Fact]
    public void BinaryDataHashesAndIds_ProduceNoFinding()
    {
        var rng = new Random(7);
        var image = new byte[6000];
        rng.NextBytes(image);
        "\x89PNG\r\n\x1a\n"u8.ToArray().CopyTo(image, 0);
        var text = new StringBuilder()
            .Append("<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(image)).Append("\">\n")
            .Append("integrity: sha512-").Append(Convert.ToBase64String(image[..64])).Append('\n')
            .Append("sha256: ").Append(Convert.ToHexStringLower(image[100..132])).Append('\n')
            .Append("id: ").Append(Guid.NewGuid()).Append('\n')
            .Append("url: https://example.org/search?q=hello%20world%21&lang=en%2DGB\n")
            .Append("path: /usr/local/share/dotnet/sdk/10.0.100/Sdks/Microsoft.NET.Sdk\n")
            .ToString();

        Assert.Empty(Scan("page.html", text));
    }

    [Fact]
    public void DecodedSecretInAllowlistedPath_NotReported()
    {
        var text = $"key = \"{Base64(Fake.AwsKeyId)}\"\n";

        Assert.Single(Scan("src/config.py", text));
        Assert.Empty(Scan("vendor/lib/config.py", text)); // the default rules' global path allowlist
    }

    [Fact]
    public void DecodedSecret_AllowlistsJudgeTheDecodedSecret()
    {
        // A rule allowlist that names the decoded key (not its base64) silences it, as in gitleaks.
        var rules = GitleaksConfig.Parse($$"""
            [[rules]]
            id = "aws-key"
            regex = '''(AKIA[A-Z2-7]{16})'''
            keywords = ["akia"]
            [[rules.allowlists]]
            regexes = ['''{{Fake.AwsKeyId}}''']
            """);
        var scanner = new SecretScanner(rules);

        Assert.Empty(scanner.ScanText("a.env", $"KEY={Base64(Fake.AwsKeyId)}\n"));
        Assert.Single(scanner.ScanText("a.env", $"KEY={Base64(Fake.AwsKeyId[..^1] + "Z")}\n"));
    }

    [Fact]
    public void GitleaksAllowOnTheEncodedLine_SilencesTheDecodedSecret()
    {
        var options = new SecretScanOptions();
        var findings = new SecretScanner(options: options).ScanText("a.env", $"KEY={Base64(Fake.AwsKeyId)} # gitleaks:allow\n");

        Assert.Empty(findings);
        Assert.Equal(1, options.Suppressed[Suppression.GitleaksAllow]);
    }

    [Fact]
    public void SameSecretPlainAndEncoded_BothReported()
    {
        var text = $"id = \"{Fake.AwsKeyId}\"\nid_b64 = \"{Base64(Fake.AwsKeyId)}\"\n";

        var findings = Scan("a.toml", text);

        Assert.Equal([(1, (string?)null), (2, "base64")], findings.Select(f => (f.Line, f.Decoded is null ? null : string.Join(">", f.Decoded))));
    }

    [Fact]
    public void Redact_MasksTheEncodedText()
    {
        var encoded = Base64(Fake.AwsKeyId);

        var redacted = new SecretScanner().Redact($"deploying with {encoded} now");

        Assert.DoesNotContain(encoded[4..], redacted);
        Assert.StartsWith("deploying with ", redacted);
        Assert.EndsWith(" now", redacted);
    }

    [Fact]
    public void HistoryScan_EncodedSecretCommittedThenDeleted_Found()
    {
        using var repo = new TempRepo();
        repo.Write("deploy/values.yaml", $"image: app:1.2\nsecret:\n  awsKey: {Base64(Fake.AwsKeyId)}\n");
        var added = repo.Commit("add values");
        repo.Write("deploy/values.yaml", "image: app:1.2\n");
        repo.Commit("drop the key");

        var f = Assert.Single(new GitHistoryScanner().Scan(repo.Root));

        Assert.Equal(("aws-access-key-id", added, "deploy/values.yaml", 3, 11), (f.RuleId, f.Commit, f.File, f.Line, f.Column));
        Assert.Equal(["base64"], f.Decoded);
        Assert.Equal($"{added}:deploy/values.yaml:aws-access-key-id:3", f.Fingerprint);
    }
}
