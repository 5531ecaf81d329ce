using Greenlight.Core.Manifest;
using Greenlight.Engine.Notifications;
using Greenlight.Providers.Notifiers;
using Greenlight.Providers.Secrets;

namespace Greenlight.Engine.Delivery;

public sealed partial class AppDelivery
{
    private HttpClient? _notifyHttp;
    private Task _notifying = Task.CompletedTask;

    /// <summary>Starts delivering the app's notices, those a stopped controller left in the outbox first.</summary>
    private void StartNotifications()
    {
        _notifyHttp = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var providers = SecretProviders.Create(_options.StateDirectory, _notifyHttp, _options.Time);
        var notices = new NoticeDispatcher(App, _store, ManifestOfAsync, Notifiers.Create(_notifyHttp, _options.Time),
            new ChannelSecretReader(providers, _masker), _options.Time, new Random(), _logger);
        _notifying = Task.Run(() => notices.RunAsync(_stopping.Token));
    }

    /// <summary>A release's notices go where its own manifest says; drift's where the app's current manifest does.</summary>
    private async Task<AppManifest?> ManifestOfAsync(string? digest, CancellationToken ct)
    {
        if (digest is null)
            return _options.Manifest;
        var stored = await _store.GetManifestAsync(digest, ct);
        return stored?.Text is { } text ? ManifestSnapshot.FromText(text, stored.File).Snapshot?.Manifest : null;
    }

    private async Task StopNotificationsAsync()
    {
        await _notifying;
        _notifyHttp?.Dispose();
    }
}
