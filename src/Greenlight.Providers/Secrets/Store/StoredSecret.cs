namespace Greenlight.Providers.Secrets.Store;

/// <summary>What <c>greenlight secrets list</c> shows of a secret: never its value.</summary>
public sealed record StoredSecret(string Path, int Version, DateTimeOffset UpdatedAt);

/// <summary>The outcome of a set or a rotation.</summary>
/// <param name="Previous">The version it replaced; null when the path was new (or removed before).</param>
public sealed record StoreChange(StoredSecret Secret, int? Previous)
{
    /// <summary>False when the value given was already the current one: no version was added.</summary>
    public bool Changed => Previous != Secret.Version;
}
