using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class RedactionTests
{
    [Fact]
    public void ScanDirectory_EveryPlantedSecret_OutputNeverContainsFullSecret()
    {
        using var tree = new TempTree();
        string[] secrets = [Fake.AwsKeyId, Fake.AwsSecret, Fake.GitHub, Fake.GitLab, Fake.Slack, Fake.SlackWebhook,
            Fake.Stripe, Fake.GoogleApiKey, Fake.Jwt, Fake.Generic];
        tree.Write("all.env", string.Join("\n", secrets.Select((s, i) => i switch
        {
            1 => $"aws_secret_access_key = {s}",
            9 => $"password = \"{s}\"",
            _ => $"v{i} = {s}",
        })) + "\n" + Fake.PrivateKey);

        var findings = new SecretScanner().ScanDirectory(tree.Root);
        var output = string.Join("\n", findings.Select(f => f.ToString() + f.Fingerprint + f.Description));

        Assert.Equal(secrets.Length + 1, findings.Count);
        foreach (var secret in secrets.Append(Fake.PrivateKey.Split('\n')[1]))
        {
            Assert.DoesNotContain(secret, output);
            Assert.DoesNotContain(secret[..8], output); // not even the first 8 characters
        }
        Assert.All(findings, f => Assert.Contains("****", f.Excerpt));
    }

    [Fact]
    public void ScanText_TwoSecretsOnOneLine_EachExcerptMasksBoth()
    {
        var line = $"creds = {{ id: \"{Fake.AwsKeyId}\", aws_secret_key: \"{Fake.AwsSecret}\" }}\n";

        var findings = new SecretScanner().ScanText("creds.js", line);

        Assert.Equal(["aws-access-key-id", "aws-secret-access-key"], findings.Select(f => f.RuleId));
        foreach (var f in findings)
        {
            Assert.DoesNotContain(Fake.AwsKeyId[..8], f.Excerpt);
            Assert.DoesNotContain(Fake.AwsSecret[..8], f.Excerpt);
        }
    }

    [Theory]
    [InlineData("abcdefghijklmnop", "abcd****")]
    [InlineData("abcdefgh", "ab****")]
    [InlineData("abc", "****")]
    public void Redact_Secret_KeepsAtMostFourLeadingChars(string secret, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(secret));
    }

    [Fact]
    public void Excerpt_LongLine_IsShortenedAndRedacted()
    {
        var line = new string('x', 300) + " token=" + Fake.GitHub;

        var excerpt = Redactor.Excerpt(line, [(line.Length - Fake.GitHub.Length, Fake.GitHub.Length)]);

        Assert.True(excerpt.Length <= 161);
        Assert.DoesNotContain(Fake.GitHub, excerpt);
    }

    [Fact]
    public void RedactText_OutputLines_MasksEverySecretAndKeepsTheRest()
    {
        var output = $"deploying with GITHUB_TOKEN={Fake.GitHub} and key {Fake.AwsKeyId}; build 42 ok";

        var masked = new SecretScanner().Redact(output);

        Assert.Equal($"deploying with GITHUB_TOKEN={Fake.GitHub[..4]}**** and key {Fake.AwsKeyId[..4]}****; build 42 ok", masked);
    }

    [Fact]
    public void RedactText_NothingSecret_IsReturnedAsItIs()
    {
        const string output = "Passed!  - Failed: 0, Passed: 12, token count 3, id 3f2b9c1e-5d4a-4b8e-9f00-1a2b3c4d5e6f";

        Assert.Same(output, new SecretScanner().Redact(output));
    }

    [Fact]
    public void ScanText_SecretMatchedBySpecificAndGenericRules_IsOneFindingOfTheSpecificRule()
    {
        var findings = new SecretScanner().ScanText("app.py", $"token = \"{Fake.GitHub}\"\n");

        Assert.Equal(["github-token"], findings.Select(f => f.RuleId));
    }
}
