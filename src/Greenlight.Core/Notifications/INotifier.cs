namespace Greenlight.Core.Notifications;

/// <summary>Sends one notice to one channel. Keyed by <see cref="Name"/>, the channel's <c>type</c> in the manifest.</summary>
public interface INotifier
{
    string Name { get; }

    /// <summary>One attempt. Never throws for what the receiver answered or a failed connection: the result says whether
    /// to retry. Its reasons never hold the URL or the signing key.</summary>
    Task<SendResult> SendAsync(Notice notice, ChannelSecrets secrets, CancellationToken cancellationToken);
}

/// <summary>The secret values of one channel, read for one attempt.</summary>
/// <param name="SigningSecret">A webhook's <c>whsec_</c> secret; null for the other types.</param>
public sealed record ChannelSecrets(Uri Url, string? SigningSecret)
{
    /// <summary>Never the values: a record prints its members, and this one may end up in a log or an exception.</summary>
    public override string ToString() => "channel secrets";
}

/// <param name="RetryAfter">What the receiver asked for (429, 503 <c>Retry-After</c>); null to back off as usual.</param>
/// <param name="Permanent">Retrying cannot help (the receiver refused the request itself, the secret is malformed).</param>
public sealed record SendResult(bool Delivered, string? Problem = null, TimeSpan? RetryAfter = null, bool Permanent = false)
{
    public static readonly SendResult Ok = new(true);
}
