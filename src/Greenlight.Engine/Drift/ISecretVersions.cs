using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Drift;

/// <summary>
/// HOOK for run-time secrets ("a secret rotated since the revision started"): the version of each secret the manifest
/// gives a revision, as the secret store has it now, by name. Asked when the revision starts (the answer is recorded in
/// its fingerprint) and at every drift check: a version that differs from the recorded one is drift. Names and version
/// ids only, never a value. Without one (<see cref="Control.ControllerOptions.SecretVersions"/>), no secret is compared.
/// </summary>
public interface ISecretVersions
{
    Task<IReadOnlyDictionary<string, string>> CurrentAsync(AppManifest manifest, string revision, CancellationToken cancellationToken);
}

/// <summary>For controllers whose revisions are given no secrets.</summary>
internal sealed class NoSecretVersions : ISecretVersions
{
    public static readonly NoSecretVersions Instance = new();

    public Task<IReadOnlyDictionary<string, string>> CurrentAsync(AppManifest manifest, string revision, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
}
