using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class DefaultRulesTests
{
    public static TheoryData<string, string, string> Planted => new()
    {
        { "aws-access-key-id", "deploy/env.sh", $"export AWS_ACCESS_KEY_ID={Fake.AwsKeyId}\n" },
        { "aws-secret-access-key", "deploy/env.sh", $"export AWS_SECRET_ACCESS_KEY={Fake.AwsSecret}\n" },
        { "aws-secret-access-key", "config.json", $"{{ \"aws_secret_key\": \"{Fake.AwsSecret}\" }}\n" },
        { "github-token", "ci/release.yml", $"  GH_PUSH: {Fake.GitHub}\n" },
        { "gitlab-token", "scripts/push.py", $"headers = {{'PRIVATE-TOKEN': '{Fake.GitLab}'}}\n" },
        { "slack-token", "src/Notify.cs", $"var client = new SlackClient(\"{Fake.Slack}\");\n" },
        { "slack-webhook", "src/alerts.ts", $"const url = \"{Fake.SlackWebhook}\";\n" },
        { "stripe-key", "app/billing.rb", $"Stripe.api_key = ENV.fetch('X', '{Fake.Stripe}')\n" },
        { "google-api-key", "web/maps.html", $"<script src=\"https://maps.example/js?key={Fake.GoogleApiKey}\"></script>\n" },
        { "private-key", "keys/id_rsa", Fake.PrivateKey },
        { "jwt", "tests/fixture.http", $"Authorization: Bearer {Fake.Jwt}\n" },
        { "npm-access-token", ".npmrc", $"//registry.npmjs.org/:_authToken={Fake.Npm}\n" },
        { "pypi-upload-token", ".pypirc", $"password = {Fake.PyPi}\n" },
        { "docker-hub-token", "ci/publish.sh", $"echo {Fake.DockerHub} | docker login -u ci --password-stdin\n" },
        { "azure-storage-account-key", "appsettings.json", $"\"Blob\": \"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={Fake.AzureStorageKey};EndpointSuffix=core.windows.net\"\n" },
        { "twilio-api-key", "src/sms.js", $"const client = twilio('{Fake.TwilioApiKey}', secret);\n" },
        { "twilio-auth-token", "config/sms.yml", $"twilio_auth_token: {Fake.TwilioAuthToken}\n" },
        { "sendgrid-api-token", "src/mail.py", $"sg = SendGridAPIClient('{Fake.SendGrid}')\n" },
        { "shopify-token", "shop/.env", $"SHOP_ADMIN={Fake.Shopify}\n" },
        { "datadog-api-key", "deploy/agent.env", $"DD_API_KEY={Fake.DatadogApiKey}\n" },
        { "openai-api-key", "ai/client.ts", $"const openai = new OpenAI({{ apiKey: \"{Fake.OpenAi}\" }});\n" },
        { "anthropic-api-key", "ai/claude.go", $"client := anthropic.NewClient(\"{Fake.Anthropic}\")\n" },
        { "database-url-password", "docker-compose.yml", $"      - DATABASE_URL=postgres://app:{Fake.DbPassword}@db:5432/app\n" },
        { "generic-secret-assignment", "appsettings.ini", $"db_password = \"{Fake.Generic}\"\n" },
        { "generic-secret-assignment", "settings.py", $"API_KEY = '{Fake.Generic}'\n" },
    };

    [Theory]
    [MemberData(nameof(Planted))]
    public void ScanDirectory_PlantedSecret_FoundByDefaultRules(string ruleId, string file, string content)
    {
        using var tree = new TempTree();
        tree.Write("README.md", "# nothing to see\n");
        tree.Write(file, content);

        var findings = new SecretScanner().ScanDirectory(tree.Root);

        var finding = Assert.Single(findings, f => f.RuleId == ruleId);
        Assert.Equal(file, finding.File);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void ScanDirectory_CorpusWithEveryKind_FindsAllKindsInOnePass()
    {
        using var tree = new TempTree();
        var i = 0;
        foreach (var row in Planted) tree.Write($"corpus/{i++}/{row[1]}", (string)row[2]);

        var found = new SecretScanner().ScanDirectory(tree.Root).Select(f => f.RuleId).ToHashSet();

        Assert.Equal(Planted.Select(r => (string)r[0]).ToHashSet(), found);
    }

    [Fact]
    public void ScanText_SecretAfterOtherText_ReportsLineAndColumnOfSecret()
    {
        var key = Fake.AwsKeyId;
        var findings = new SecretScanner().ScanText("a.txt", $"first\r\nsecond\r\n  id: {key}\r\n");

        var f = Assert.Single(findings);
        Assert.Equal((3, 7), (f.Line, f.Column));
    }
}
