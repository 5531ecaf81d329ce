using Greenlight.Core.Manifest;
using Greenlight.Core.Notifications;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>The <c>notifications</c> section: channels whose URLs and signing secrets are references, never values.</summary>
public sealed class NotificationsManifestTests
{
    /// <summary>Lines 6 and 7: notifications tell of releases through environments.</summary>
    private const string Production = "environments:\n  - name: production\n";

    private const string Secret = "a secret reference (store:<path>, env:<NAME>, file:<path> or vault:<mount>/<path>#<key>)";

    [Fact]
    public void Parse_ThreeChannels_AreReadWithTheirEventsAndDefaults()
    {
        var result = ManifestLoader.Parse(With(Production + """
            notifications:
              - name: team
                type: slack
                url: store:shop/slack-url
                events: [release.rolled-back, release.failed]
              - { name: ops, type: teams, url: "vault:secret/shop#teams_url", environments: [production] }
              - { name: audit, type: webhook, url: "http://127.0.0.1:9000/hook", secret: file:hook.secret }
            """), "/srv/shop/greenlight.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var channels = result.Manifest.Notifications;
        Assert.Equal(["team", "ops", "audit"], channels.Select(c => c.Name));
        Assert.Equal(new SecretReference("store", "shop/slack-url"), channels[0].Url);
        Assert.Equal([NotificationKind.RolledBack, NotificationKind.Failed], channels[0].Events!);
        Assert.Null(channels[0].Environments);
        Assert.Equal(["production"], channels[1].Environments!);
        Assert.Null(channels[1].Events);
        Assert.Equal("http://127.0.0.1:9000/hook", channels[2].InlineUrl);
        Assert.Null(channels[2].Url);
        Assert.Equal(new SecretReference("file", "/srv/shop/hook.secret"), channels[2].Secret);
        Assert.True(channels[1].Takes(NotificationKind.Completed, "production"));
        Assert.False(channels[0].Takes(NotificationKind.Completed, "production"));
    }

    [Theory]
    [InlineData("  - {name: t, type: slack, url: \"https://hooks.slack.com/services/T0/B0/x\"}",
        "greenlight.yaml:9:33: notifications[0].url: found \"https://hooks.slack.com/services/T0/B0/x\", expected " + Secret + ", not the URL itself: a slack URL lets anyone post to the channel, so it is kept in the secrets store")]
    [InlineData("  - {name: t, type: webhook, url: \"https://example.com/hook\", secret: store:s}",
        "greenlight.yaml:9:35: notifications[0].url: found \"https://example.com/hook\", expected a loopback URL (http://127.0.0.1, localhost or [::1]) or " + Secret + ": any other webhook URL is kept in the secrets store")]
    [InlineData("  - {name: t, type: webhook, url: \"http://localhost:9/h\"}",
        "greenlight.yaml:9:5: notifications[0].secret: missing required key, expected " + Secret + " to a whsec_ signing secret")]
    [InlineData("  - {name: t, type: teams, url: store:t, secret: store:s}",
        "greenlight.yaml:9:50: notifications[0].secret: found a signing secret on a teams channel, expected no secret: only webhook channels are signed")]
    [InlineData("  - {name: t, type: email, url: store:t}",
        "greenlight.yaml:9:21: notifications[0].type: found \"email\", expected one of slack, teams, webhook")]
    [InlineData("  - {name: t, type: slack, url: store:t, events: [release.done]}",
        "greenlight.yaml:9:51: notifications[0].events[0]: found \"release.done\", expected one of release.requested, release.awaiting-approval, release.approved, release.rejected, wave.started, wave.finished, release.promoted, release.rolled-back, release.failed, release.completed, drift.detected")]
    [InlineData("  - {name: t, type: slack, url: store:t, environments: [prod]}",
        "greenlight.yaml:9:57: notifications[0].environments[0]: found \"prod\", expected an environment of this manifest (production)")]
    [InlineData("  - {name: t, type: slack, url: store:t, channel: ops}",
        "greenlight.yaml:9:42: notifications[0].channel: unknown key, expected one of name, type, url, secret, events, environments")]
    [InlineData("  - {name: t, type: slack, url: hunter2}",
        "greenlight.yaml:9:33: notifications[0].url: found \"hunter2\", expected " + Secret)]
    public void Parse_AChannelThatCannotWork_IsRefusedWhereItStands(string channel, string error) =>
        Assert.Equal([error], Errors(With(Production + "notifications:\n" + channel)));

    [Fact]
    public void Parse_TwoChannelsOfOneName_AreRefused() =>
        Assert.Equal(["greenlight.yaml:10:12: notifications[1].name: found \"t\" a second time, expected a name no other channel uses"],
            Errors(With(Production + "notifications:\n  - {name: t, type: slack, url: store:a}\n  - {name: t, type: teams, url: store:b}")));

    [Fact]
    public void Parse_ChannelsWithoutEnvironments_AreRefused() =>
        Assert.Equal(["greenlight.yaml:7:3: notifications: found channels in a manifest without environments, expected environments (one is enough): notifications tell of releases through environments, which an app without them does not make"],
            Errors(With("notifications:\n  - {name: t, type: slack, url: store:a}")));

    [Fact]
    public void Parse_NoNotifications_IsEmpty() => Assert.Empty(ManifestLoader.Parse(Minimal, "greenlight.yaml").Manifest!.Notifications);
}
