using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Store;

/// <summary>
/// The store file as JSON: paths, versions and times in the clear (they are what <c>list</c> shows), each value
/// AES-256-GCM sealed on its own. A removed path keeps its last version, so that a later value never reuses a version
/// number a running revision may have recorded.
/// </summary>
internal sealed record StoreDocument
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public int Format { get; init; } = CurrentFormat;

    /// <summary>See <see cref="StoreKey.Check"/>; null until the first value is written.</summary>
    public string? KeyCheck { get; init; }

    public SortedDictionary<string, StoreEntry> Secrets { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The document in <paramref name="path"/>, empty when there is no file yet.</summary>
    public static StoreDocument Read(string path)
    {
        if (!File.Exists(path))
            return new StoreDocument();
        StoreDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<StoreDocument>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new SecretStoreException($"the store file {path} is damaged: {e.Message}", e);
        }
        return document switch
        {
            null => throw new SecretStoreException($"the store file {path} is damaged: it holds null"),
            { Format: not CurrentFormat } => throw new SecretStoreException($"the store file {path} has format {document.Format}; this greenlight reads format {CurrentFormat}"),
            _ => document,
        };
    }

    /// <summary>Written whole to a new owner-only file, flushed to disk, then renamed over the old one: a reader sees
    /// the old store or the new one, never half of one, and a crash leaves the old one.</summary>
    public void Write(string path)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = OwnerOnly.Open(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, this, Json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

/// <param name="Nonce">Base64 of the 12-byte GCM nonce; null once removed.</param>
/// <param name="Ciphertext">Base64 of the sealed value; null once removed.</param>
/// <param name="Tag">Base64 of the 16-byte GCM tag, which covers the path and the version too.</param>
internal sealed record StoreEntry(int Version, DateTimeOffset UpdatedAt, string? Nonce, string? Ciphertext, string? Tag)
{
    [JsonIgnore]
    public bool IsRemoved => Ciphertext is null;
}
