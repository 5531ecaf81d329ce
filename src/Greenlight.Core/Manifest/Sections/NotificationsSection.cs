using Greenlight.Core.Manifest.Reading;
using Greenlight.Core.Notifications;

namespace Greenlight.Core.Manifest.Sections;

/// <summary><c>notifications:</c> a list of channels (Slack, Teams, signed webhook), each with its events and environments.</summary>
internal static class NotificationsSection
{
    private const string SecretSyntax = "a secret reference (" + SecretReference.Syntax + ")";

    private static readonly Scalar<NotificationKind> Kind = new(
        "one of " + string.Join(", ", NotificationKinds.All.Select(k => k.Name())), NotificationKinds.TryParse);

    /// <param name="environments">The manifest's environment names, which a channel's <c>environments</c> may list.</param>
    public static IReadOnlyList<NotificationChannel> Read(NodeReader r, IReadOnlyList<string> environments, string baseDirectory)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return r.List("notifications", (channel, _) => ReadChannel(channel, names, environments, baseDirectory));
    }

    private static NotificationChannel? ReadChannel(NodeReader r, ISet<string> names, IReadOnlyList<string> environments, string baseDirectory)
    {
        var name = r.Required("name", ManifestValues.Name);
        if (name is not null && !names.Add(name))
            r.Report("name", $"found \"{name}\" a second time", "a name no other channel uses");
        var type = r.Required("type", Scalars.OneOf(NotificationChannel.Slack, NotificationChannel.Teams, NotificationChannel.Webhook));
        ChannelUrl? url = null;
        if (type is not null)
            url = r.Required("url", UrlOf(type, baseDirectory));
        else
            r.Has("url"); // without a type the URL's rules are unknown: the key is only marked as known
        SecretReference? secret = null;
        if (type == NotificationChannel.Webhook)
            secret = r.Required("secret", SecretsSection.Reference(baseDirectory, SecretSyntax + " to a whsec_ signing secret"));
        else if (r.Has("secret"))
            r.Report("secret", $"found a signing secret on a {type ?? "typeless"} channel", "no secret: only webhook channels are signed");
        var events = r.Has("events") ? r.ScalarList("events", Kind, nonEmpty: true) : null;
        var scope = r.Has("environments")
            ? r.ScalarList("environments", Scalars.String(environments.Contains, "an environment of this manifest (" + string.Join(", ", environments) + ")"), nonEmpty: true)
            : null;
        return name is null || type is null || url is null || (type == NotificationChannel.Webhook && secret is null)
            ? null
            : new NotificationChannel(name, type, url.Reference, url.Inline, secret, events?.Distinct().ToList(), scope?.Distinct().ToList());
    }

    private sealed record ChannelUrl(SecretReference? Reference, string? Inline);

    /// <summary>
    /// A Slack or Teams URL is a bearer credential (whoever has it posts to the channel), so it is only ever a reference.
    /// A webhook's requests are signed, yet its URL may still carry a token; written inline it is taken only for this
    /// machine's loopback address, for a local receiver, where it gives nothing to anyone off the machine.
    /// </summary>
    private static Scalar<ChannelUrl> UrlOf(string type, string baseDirectory)
    {
        var reference = SecretsSection.Reference(baseDirectory, SecretSyntax);
        var text = Scalars.String(_ => true, SecretSyntax + (type == NotificationChannel.Webhook ? " or a loopback URL such as http://127.0.0.1:9000/hook" : ""));
        var checkedText = type == NotificationChannel.Webhook
            ? text.Where(t => !IsUrl(t) || IsLoopback(t), "a loopback URL (http://127.0.0.1, localhost or [::1]) or " + SecretSyntax + ": any other webhook URL is kept in the secrets store")
            : text.Where(t => !IsUrl(t), $"{SecretSyntax}, not the URL itself: a {type} URL lets anyone post to the channel, so it is kept in the secrets store");
        return checkedText
            .Where(t => IsUrl(t) || reference.Parse(t, out _) is null, SecretSyntax)
            .Select(t => IsUrl(t) ? new ChannelUrl(null, t) : new ChannelUrl(reference.Parse(t, out var value) is null ? value : null, null));
    }

    private static bool IsUrl(string text) => text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopback(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.IsLoopback && uri.UserInfo.Length == 0;
}
