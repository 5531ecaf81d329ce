using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Greenlight.Core.Manifest;

/// <summary>
/// The manifest a release runs on, as it was when the release was requested, addressed by the SHA-256 of its content.
/// The release keeps it: editing the file later changes the next release, never this one.
/// </summary>
/// <param name="File">Where it was read from: errors name it and relative paths in it resolve against its directory.</param>
/// <param name="Text">The YAML as written; null for a manifest built in code (a host embedding the engine).</param>
/// <param name="Commit">The git commit of the manifest's work tree, when it is one; <paramref name="Uncommitted"/> when the
/// file differs from that commit.</param>
public sealed record ManifestSnapshot(string Digest, string File, string? Text, string? Commit = null, bool Uncommitted = false)
{
    /// <summary>The committer time of <see cref="Commit"/>; kept on the release, not in the stored snapshot (another commit
    /// may carry the same manifest).</summary>
    [JsonIgnore]
    public DateTimeOffset? CommittedAt { get; init; }

    /// <summary>The validated model; rebuilt from <see cref="Text"/> when a stored snapshot is read back.</summary>
    [JsonIgnore]
    public AppManifest? Manifest { get; init; }

    /// <summary>What `status` and `history` print: the first 12 hex digits.</summary>
    public static string Short(string digest) => digest[..Math.Min(12, digest.Length)];

    /// <summary>Validates <paramref name="text"/> as the manifest <paramref name="file"/>; every problem comes back at once.</summary>
    public static SnapshotResult FromText(string text, string file, string? commit = null, bool uncommitted = false)
    {
        var result = ManifestLoader.Parse(text, file);
        return result.IsValid
            ? new SnapshotResult(new ManifestSnapshot(DigestOf(text), Path.GetFullPath(file), text, commit, uncommitted) { Manifest = result.Manifest }, [])
            : new SnapshotResult(null, result.Errors);
    }

    /// <summary>A manifest built in code: its digest is that of its model, so the same model always gets the same one.</summary>
    public static ManifestSnapshot Of(AppManifest manifest) =>
        new(DigestOf(JsonSerializer.Serialize(manifest, ModelJson)), Path.Combine(manifest.BaseDirectory, "(built in code)"), null) { Manifest = manifest };

    public static string DigestOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static readonly JsonSerializerOptions ModelJson = new() { Converters = { new JsonStringEnumConverter() } };
}

/// <summary>A valid snapshot, or every problem found in the manifest.</summary>
public sealed record SnapshotResult(ManifestSnapshot? Snapshot, IReadOnlyList<ManifestError> Errors);
