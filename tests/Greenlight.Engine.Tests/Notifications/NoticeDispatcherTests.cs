using System.Text;
using Greenlight.Core.Notifications;
using Greenlight.Engine.Notifications;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Tests.Notifications;

/// <summary>The outbox and its dispatcher against real local receivers, on a clock the tests move.</summary>
public sealed class NoticeDispatcherTests
{
    [Fact]
    public async Task ANoticeWrittenBeforeTheDispatcherRuns_ReachesEveryChannelWithAValidSignature()
    {
        await using var o = await Outbox.StartAsync();
        var release = await o.RequestAsync("2.0"); // written while nothing sends, as by a controller killed right after

        o.StartDispatcher();

        var hook = Assert.Single(await o.Hook.WaitAsync(a => a.Count == 1));
        Assert.True(hook.SignatureIsValid(Outbox.Whsec));
        Assert.Equal(ReleaseNotices.IdOf(release.Id, NotificationKind.ReleaseRequested, "production", null), hook.Id);
        Assert.Equal("release.requested", hook.Type);
        Assert.Contains("\"release\":\"" + release.Id + "\"", hook.Body);
        var slack = Assert.Single(await o.Slack.WaitAsync(a => a.Count == 1));
        Assert.Contains("\"text\":\"release of shop 2.0 requested into production\"", slack.Body);
        Assert.Contains("\"blocks\":[{\"type\":\"header\"", slack.Body);
        var teams = Assert.Single(await o.Teams.WaitAsync(a => a.Count == 1));
        Assert.Contains("\"contentType\":\"application/vnd.microsoft.card.adaptive\"", teams.Body);
        Assert.All(await o.UntilAsync(d => d.Count == 3 && d.All(x => x.Status == DeliveryStatus.Sent)), d => Assert.Equal(1, d.Attempts));
    }

    [Fact]
    public async Task A429WithRetryAfter_IsRetriedAfterExactlyTheTimeAsked()
    {
        await using var o = await Outbox.StartAsync();
        o.Hook.Answer = n => n == 1 ? (429, 30) : (200, null);
        o.StartDispatcher();
        var asked = o.Time.GetUtcNow();

        await o.RequestAsync("2.0");

        var waiting = (await o.UntilAsync(d => d.Any(x => x.Channel.Name == "hooks" && x.Attempts == 1))).Single(x => x.Channel.Name == "hooks");
        Assert.Equal(DeliveryStatus.Pending, waiting.Status);
        Assert.Equal(asked + TimeSpan.FromSeconds(30), waiting.NextAt); // as asked: no jitter, no backoff of its own
        Assert.Equal("channel hooks (webhook): HTTP 429 Too Many Requests", waiting.Problem);
        o.Time.Advance(TimeSpan.FromSeconds(29));
        o.Dispatcher.Wake();
        o.Time.Advance(TimeSpan.FromSeconds(1));
        o.Dispatcher.Wake();

        var twice = await o.Hook.WaitAsync(a => a.Count == 2);
        Assert.Equal(twice[0].Id, twice[1].Id); // the same event id on the retry
        Assert.True(twice[1].SignatureIsValid(Outbox.Whsec));
        await o.UntilAsync(d => d.Single(x => x.Channel.Name == "hooks") is { Status: DeliveryStatus.Sent, Attempts: 2 });
    }

    [Fact]
    public async Task AReceiverDownForAWhile_GetsEverythingOnceBack_AndHoldsNoOtherChannelBack()
    {
        await using var o = await Outbox.StartAsync();
        await o.Hook.StopAsync();
        o.StartDispatcher();

        var requested = new[] { await o.RequestAsync("2.0"), await o.RequestAsync("2.1"), await o.RequestAsync("2.2") };

        Assert.Equal(3, (await o.Slack.WaitAsync(a => a.Count == 3)).Count);
        for (var failures = 1; failures <= 3; failures++)
        {
            await o.UntilAsync(d => d.Where(x => x.Channel.Name == "hooks").All(x => x.Attempts == failures));
            o.Time.Advance(Backoff.Max);
            o.Dispatcher.Wake();
        }
        await o.UntilAsync(d => d.Where(x => x.Channel.Name == "hooks").All(x => x.Attempts == 4));
        await o.Hook.StartAgainAsync();
        o.Time.Advance(Backoff.Max);
        o.Dispatcher.Wake();

        var arrived = await o.Hook.WaitAsync(a => a.Count == 3);
        Assert.Equal(requested.Select(r => ReleaseNotices.IdOf(r.Id, NotificationKind.ReleaseRequested, "production", null)), arrived.Select(a => a.Id));
        Assert.All(arrived, a => Assert.True(a.SignatureIsValid(Outbox.Whsec)));
        await o.UntilAsync(d => d.All(x => x.Status == DeliveryStatus.Sent));
        Assert.Equal(3, o.Slack.Arrivals.Count);
    }

    [Fact]
    public async Task ARefusedDelivery_IsGivenUpWithAnEventOnTheRelease_NamingTheChannelNeverItsUrl()
    {
        await using var o = await Outbox.StartAsync();
        o.Slack.Answer = _ => (404, null);
        o.StartDispatcher();

        var release = await o.RequestAsync("2.0");

        var slack = (await o.UntilAsync(d => d.Any(x => x.Channel.Name == "team" && x.Status == DeliveryStatus.GaveUp))).Single(x => x.Channel.Name == "team");
        Assert.Equal(1, slack.Attempts);
        var events = await o.Store.GetEventsAsync(release.Id, 0, CancellationToken.None);
        var gaveUp = Assert.Single(events, e => e.Message.Contains("given up"));
        Assert.Equal($"notification release.requested ({slack.Notice.Id}) given up after 1 attempt(s): channel team (slack): HTTP 404 Not Found", gaveUp.Message);
        await o.UntilAsync(d => d.Count(x => x.Status == DeliveryStatus.Sent) == 2);
        var slackPath = o.Slack.Url.AbsolutePath;
        var stored = string.Concat(Directory.GetFiles(o.Directory, StateStores.SqliteFile + "*").Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Contains("HTTP 404", stored); // the store was read, WAL included
        Assert.DoesNotContain(slackPath, stored);
        Assert.DoesNotContain(Outbox.Whsec, stored);
        Assert.All(o.Hook.Arrivals.Concat(o.Teams.Arrivals).Concat(o.Slack.Arrivals), a =>
        {
            Assert.DoesNotContain(Outbox.Whsec["whsec_".Length..], a.Body + string.Join(" ", a.Headers.Values));
            Assert.DoesNotContain(slackPath, a.Body);
        });
    }
}
