using System.Text.Json.Nodes;
using Greenlight.Core.Notifications;
using Greenlight.Providers.Notifiers.Slack;
using Greenlight.Providers.Notifiers.Teams;
using Greenlight.Providers.Notifiers.Webhook;

namespace Greenlight.Providers.Tests.Notifiers;

/// <summary>The signature as the Standard Webhooks specification computes it, and the shapes Slack and Teams take.</summary>
public sealed class NotifierPayloadTests
{
    private static readonly Notice RolledBack = new("evt_1", NotificationKind.RolledBack, "shop", "rs-1", "2.4.1", "production",
        "shop 2.4.1 rolled back in production: error rate 5.1% > 1.0% <critical>",
        [KeyValuePair.Create("verdict", "error rate 5.1% vs 1.0% over 400 requests"), KeyValuePair.Create("region eu-west", "failed")],
        DateTimeOffset.Parse("2026-12-05T16:00:00Z"));

    [Fact]
    public void Sign_TheSpecificationsTestVector_GivesItsSignature()
    {
        // From the reference libraries of github.com/standard-webhooks/standard-webhooks (verifyWebhookSignWorks).
        var key = WebhookSignature.KeyOf("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!;

        var signature = WebhookSignature.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Theory]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")]
    public void KeyOf_ASecretThatIsNotWhsecOfAKey_IsRefused(string secret) => Assert.Null(WebhookSignature.KeyOf(secret));

    [Fact]
    public void SlackBody_HasATextFallbackAndBlocks_WithMarkupEscaped()
    {
        var body = SlackNotifier.Body(RolledBack);

        Assert.Equal(RolledBack.Summary, (string?)body["text"]);
        var blocks = body["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("shop 2.4.1: release.rolled-back", (string?)blocks[0]!["text"]!["text"]);
        Assert.EndsWith("&lt;critical&gt;", (string?)blocks[1]!["text"]!["text"]);
        Assert.Equal(["*environment*\nproduction", "*release*\nrs-1", "*verdict*\nerror rate 5.1% vs 1.0% over 400 requests", "*region eu-west*\nfailed"],
            blocks[2]!["fields"]!.AsArray().Select(f => (string?)f!["text"]));
    }

    [Fact]
    public void TeamsBody_IsAMessageWithOneAdaptiveCard_WhoseFactsHoldTheVerdict()
    {
        var body = TeamsNotifier.Body(RolledBack);

        Assert.Equal("message", (string?)body["type"]);
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        var facts = card["body"]!.AsArray().Single(b => (string?)b!["type"] == "FactSet")!["facts"]!.AsArray();
        Assert.Contains(facts, f => (string?)f!["title"] == "verdict" && (string?)f["value"] == "error rate 5.1% vs 1.0% over 400 requests");
    }

    [Fact]
    public void WebhookBody_CarriesTheTypeAndTheFactsAsFields()
    {
        var body = JsonNode.Parse(WebhookNotifier.Body(RolledBack).ToJsonString())!;

        Assert.Equal("release.rolled-back", (string?)body["type"]);
        Assert.Equal("2026-12-05T16:00:00.000Z", (string?)body["timestamp"]);
        Assert.Equal("production", (string?)body["data"]!["environment"]);
        Assert.Equal("error rate 5.1% vs 1.0% over 400 requests", (string?)body["data"]!["facts"]!["verdict"]);
    }
}
