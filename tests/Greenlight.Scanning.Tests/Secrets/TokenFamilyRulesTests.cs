using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>The default rules for registry, SaaS, AI-provider and database-URL credentials: where they fire and where they must not.</summary>
public sealed class TokenFamilyRulesTests
{
    [Theory]
    [InlineData("npm-access-token")]
    [InlineData("docker-hub-token")]
    [InlineData("shopify-token")]
    [InlineData("openai-api-key")]
    [InlineData("anthropic-api-key")]
    [InlineData("database-url-password")]
    public void ScanText_SecretOnThirdLine_ReportsItsLineAndColumn(string ruleId)
    {
        var (prefix, secret) = Secret(ruleId);
        var text = $"# config\n\n  {prefix}{secret}\n";

        var f = Assert.Single(new SecretScanner().ScanText("cfg.txt", text), f => f.RuleId == ruleId);

        Assert.Equal((3, 3 + prefix.Length), (f.Line, f.Column));
    }

    [Fact]
    public void ScanText_LegacyOpenAiKeyAndTwilioSidPair_Reported()
    {
        var text = $"OPENAI={Fake.OpenAiLegacy}\nTWILIO_URL=https://{Fake.TwilioAccountSid}:{Fake.TwilioAuthToken}@api.twilio.com\n";

        var ids = new SecretScanner().ScanText("a.env", text).Select(f => (f.RuleId, f.Line)).ToList();

        Assert.Contains(("openai-api-key", 1), ids);
        Assert.Contains(("twilio-auth-token", 2), ids);
    }

    public static TheoryData<string> NearMisses => new()
    {
        // One char short, or inside a longer token.
        "npm_" + Fake.Chars(Fake.Alnum, 35, 50),
        "xnpm_" + Fake.Chars(Fake.Alnum, 36, 51),
        "dckr_pat_" + Fake.Chars(Fake.Alnum, 20, 52),
        // Shopify tokens are hex; an "SK" followed by a non-hex run is a word, not a Twilio key.
        "shpat_" + Fake.Chars("ghijklmnopqrstuvwxyz", 32, 53),
        "TASK" + Fake.Chars(Fake.Hex, 32, 54),
        "SK" + Fake.Chars(Fake.Hex, 31, 55),
        // An OpenAI-looking key without the marker, an Anthropic key without its "AA" end.
        "sk-proj-" + Fake.Chars(Fake.Alnum, 156, 56),
        "sk-ant-api03-" + Fake.Chars(Fake.Alnum, 95, 57),
        // Hex after a name that is not Datadog's, a storage key of the wrong length.
        "ADD_APPKEY=" + Fake.Chars(Fake.Hex, 32, 58),
        "AccountKey=" + Fake.Chars(Fake.Base64, 40, 59) + "==",
        // Database URLs with the placeholders every README uses, a reference, or no password at all.
        "postgres://user:password@localhost:5432/app",
        "mysql://root:${MYSQL_ROOT_PASSWORD}@db/app",
        "mongodb+srv://admin:<password>@cluster0.example.net/test",
        "redis://localhost:6379/0",
        "amqp://guest:guest@rabbit:5672/",
        "postgresql://app@db/app?sslmode=require",
        // The Azure storage emulator's published key.
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    };

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void ScanText_NearMiss_NotReported(string line)
    {
        Assert.Empty(new SecretScanner().ScanText("near.txt", $"value {line}\n"));
    }

    private static (string Prefix, string Secret) Secret(string ruleId) => ruleId switch
    {
        "npm-access-token" => ("token: ", Fake.Npm),
        "docker-hub-token" => ("docker login -p ", Fake.DockerHub),
        "shopify-token" => ("SHOPIFY=", Fake.Shopify),
        "openai-api-key" => ("key = \"", Fake.OpenAi),
        "anthropic-api-key" => ("ANTHROPIC_API_KEY=", Fake.Anthropic),
        "database-url-password" => ("url: redis://:", Fake.DbPassword + "@cache:6379"),
        _ => throw new ArgumentOutOfRangeException(nameof(ruleId)),
    };
}
