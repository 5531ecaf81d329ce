namespace Greenlight.Scanning.Dependencies;

/// <summary>
/// An accepted vulnerability. A reason and an expiry are mandatory so that every exception is
/// explained and comes back for review instead of hiding a CVE forever.
/// </summary>
public sealed record IgnoreEntry
{
    public IgnoreEntry(string id, string reason, DateOnly expires)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"Ignore entry {id} needs a reason.", nameof(reason));
        }
        if (expires == default)
        {
            throw new ArgumentException($"Ignore entry {id} needs an expiry date.", nameof(expires));
        }
        Id = id;
        Reason = reason;
        Expires = expires;
    }

    /// <summary>Vulnerability id or any of its aliases (e.g. a CVE).</summary>
    public string Id { get; }

    public string Reason { get; }

    /// <summary>Last day (UTC) on which the entry still applies.</summary>
    public DateOnly Expires { get; }
}
