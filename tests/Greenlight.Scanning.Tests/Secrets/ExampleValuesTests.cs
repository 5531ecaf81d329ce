using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>Credentials vendors publish in their docs are placeholders, not leaks.</summary>
public sealed class ExampleValuesTests
{
    public static TheoryData<string> Documented => new()
    {
        // AWS's documented example access key ids and secret key.
        "aws_access_key_id = " + "AKIAIOSFODNN7" + "EXAMPLE",
        "aws_access_key_id = " + "AKIAI44QH8DHB" + "EXAMPLE",
        "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY",
        "export AWS_SECRET_ACCESS_KEY=\"" + "je7MtGbClwBF/2Zp9Utk/h3yCo8nvb" + "EXAMPLEKEY\"",
        "SLACK_BOT_TOKEN=" + "xoxb-" + "xoxb-my-bot-token",
        "token: \"" + "xoxp-" + "your-user-token\"",
        "const key = \"" + "AIzaSyDMAScliyLx7F0" + "NPDEJi1QmyCgHIAODrlU\";",
        "maps_api_key: " + "AIzaSyabcdefghijklmnop" + "qrstuvwxyz1234567",
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void ScanText_DocumentedExampleCredential_NoFinding(string line)
    {
        Assert.Empty(new SecretScanner().ScanText("README.md", line + "\n"));
    }

    [Fact]
    public void ScanText_RealLookingKeysBesideExamples_StillFound()
    {
        var text = $"id = {Fake.AwsKeyId}\nbot = {Fake.Slack}\nmaps = {Fake.GoogleApiKey}\n";

        var found = new SecretScanner().ScanText("README.md", text).Select(f => f.RuleId);

        Assert.Equal(["aws-access-key-id", "slack-token", "google-api-key"], found);
    }
}
