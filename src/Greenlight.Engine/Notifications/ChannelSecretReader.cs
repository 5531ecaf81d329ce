using Greenlight.Core.Notifications;
using Greenlight.Core.Secrets;

namespace Greenlight.Engine.Notifications;

/// <summary>Reads a channel's URL and signing secret for one attempt, so that a rotated secret is used from the next
/// attempt on. Each value read is added to the masker first; a problem names the reference, never a value.</summary>
internal sealed class ChannelSecretReader(IReadOnlyDictionary<string, ISecretProvider> providers, SecretValues masker)
{
    public async Task<(ChannelSecrets? Secrets, string? Problem)> ReadAsync(NotificationChannel channel, CancellationToken ct)
    {
        var url = channel.InlineUrl;
        if (channel.Url is { } urlReference)
        {
            (url, var problem) = await ReadAsync(urlReference, ct);
            if (problem is not null)
                return (null, problem);
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return (null, channel.Url is { } where ? $"the URL in {where} is not an http(s) URL" : "the URL is not an http(s) URL");
        string? signing = null;
        if (channel.Secret is { } secretReference)
        {
            (signing, var problem) = await ReadAsync(secretReference, ct);
            if (problem is not null)
                return (null, problem);
        }
        return (new ChannelSecrets(uri, signing), null);
    }

    private async Task<(string? Value, string? Problem)> ReadAsync(Core.Manifest.SecretReference reference, CancellationToken ct)
    {
        if (!providers.TryGetValue(reference.Scheme, out var provider))
            return (null, $"{reference}: no secret provider reads {reference.Scheme}: references");
        try
        {
            // A value from a file or a store keeps the newline it was written with; a URL or key never ends with one.
            var value = (await provider.GetAsync(reference, ct)).Value.Trim();
            if (value.Length == 0)
                return (null, $"{reference}: the value is empty");
            masker.Add(value);
            return (value, null);
        }
        catch (SecretUnavailableException e)
        {
            return (null, e.Message);
        }
    }
}
