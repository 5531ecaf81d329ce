using Greenlight.Core.Delivery;
using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;
using Greenlight.Engine.Notifications;
using Greenlight.Engine.State;
using Greenlight.Engine.Tests.Checks;
using Greenlight.Providers.Notifiers;
using Greenlight.Providers.Secrets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Engine.Tests.Notifications;

/// <summary>
/// A state store in a directory of its own, a manifest whose three channels (Slack, Teams, webhook) point at three
/// local receivers through <c>file:</c> secrets, and the dispatcher on a clock that moves only when the test says.
/// </summary>
internal sealed class Outbox : IAsyncDisposable
{
    /// <summary>The signing secret, planted: it must never appear in anything sent or stored.</summary>
    public const string Whsec = "whsec_cGxhbnRlZC1zaWduaW5nLWtleS1kby1ub3QtbGVhaw==";

    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new();
    private Task _running = Task.CompletedTask;

    private Outbox(string directory, NoticeReceiver slack, NoticeReceiver teams, NoticeReceiver hook, AppManifest manifest)
    {
        Directory = directory;
        (Slack, Teams, Hook, Manifest) = (slack, teams, hook, manifest);
        // Webhook timestamps are unix seconds of this clock: start it at the real time.
        Time.Advance(DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch);
        Store = new SqliteStateStore(Path.Combine(directory, StateStores.SqliteFile), Time);
    }

    public string Directory { get; }
    public ManualTimeProvider Time { get; } = new();
    public NoticeReceiver Slack { get; }
    public NoticeReceiver Teams { get; }
    public NoticeReceiver Hook { get; }
    public AppManifest Manifest { get; }
    public SqliteStateStore Store { get; }
    public NoticeDispatcher Dispatcher { get; private set; } = null!;

    public static async Task<Outbox> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("greenlight-notify-").FullName;
        var (slack, teams, hook) = (await NoticeReceiver.StartAsync(), await NoticeReceiver.StartAsync(), await NoticeReceiver.StartAsync());
        File.WriteAllText(Path.Combine(directory, "slack.url"), slack.Url + "\n");
        File.WriteAllText(Path.Combine(directory, "teams.url"), teams.Url.ToString());
        File.WriteAllText(Path.Combine(directory, "hook.url"), hook.Url.ToString());
        File.WriteAllText(Path.Combine(directory, "hook.secret"), Whsec);
        var manifest = ManifestLoader.Parse("""
            app: shop
            run: {command: dotnet}
            edge: {listen: "127.0.0.1:1"}
            environments: [{name: production}]
            notifications:
              - {name: team, type: slack, url: "file:slack.url"}
              - {name: ops, type: teams, url: "file:teams.url", events: [release.requested, release.completed]}
              - {name: hooks, type: webhook, url: "file:hook.url", secret: "file:hook.secret"}
            """, Path.Combine(directory, "greenlight.yaml")).Manifest ?? throw new InvalidOperationException("the test manifest is invalid");
        return new Outbox(directory, slack, teams, hook, manifest);
    }

    /// <summary>Starts delivering what the outbox holds and what comes into it.</summary>
    public void StartDispatcher()
    {
        var masker = new SecretValues();
        Dispatcher = new NoticeDispatcher("shop", Store, (_, _) => Task.FromResult<AppManifest?>(Manifest), Notifiers.Create(_http, Time),
            new ChannelSecretReader(SecretProviders.Create(Directory, _http, Time), masker), Time, new Random(7), NullLogger.Instance);
        _running = Task.Run(() => Dispatcher.RunAsync(_stop.Token));
    }

    /// <summary>A release of <paramref name="version"/> requested: its first save writes one notice, release.requested.</summary>
    public async Task<Release> RequestAsync(string version)
    {
        var release = Release.Create($"rs-{Guid.NewGuid():N}"[..11], "shop", version, "digest", false, Manifest, Time.GetUtcNow());
        await Store.SaveReleaseAsync(release, ["requested"], CancellationToken.None);
        Dispatcher?.Wake();
        return release;
    }

    public Task<IReadOnlyList<NoticeDelivery>> DeliveriesAsync() => Store.ListDeliveriesAsync("shop", CancellationToken.None);

    /// <summary>Waits (in real time, bounded) until the outbox's deliveries satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<NoticeDelivery>> UntilAsync(Func<IReadOnlyList<NoticeDelivery>, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var deliveries = await DeliveriesAsync();
            if (done(deliveries))
                return deliveries;
            if (timeout.IsCancellationRequested)
                throw new TimeoutException(string.Join("\n", deliveries.Select(d => $"{d.Notice.Kind} {d.Channel.Name} {d.Status} {d.Attempts} {d.NextAt:O} {d.Problem}")));
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await Slack.DisposeAsync();
        await Teams.DisposeAsync();
        await Hook.DisposeAsync();
        _http.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
