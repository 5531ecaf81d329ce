using System.Collections.Concurrent;
using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Rollouts;

/// <summary>
/// The manifests of an app's releases, by digest: admitted (and stored) when a release is accepted, read back from the
/// store when a controller resumes. A revision is started, health-checked, repaired and stopped by the manifest it was
/// released with, never by a copy read when the controller started.
/// </summary>
/// <param name="project">The lane's view of a release's manifest: one region of one environment, named after the lane.</param>
internal sealed class ManifestCatalog(IStateStore store, string app, SecretValues secrets, Func<AppManifest, AppManifest>? project)
{
    private readonly ConcurrentDictionary<string, AppManifest> _manifests = new();

    public AppManifest Project(AppManifest manifest) => project?.Invoke(manifest) ?? manifest;

    public async Task AdmitAsync(ManifestSnapshot snapshot, CancellationToken ct)
    {
        await store.SaveManifestAsync(app, snapshot, ct);
        Remember(snapshot.Digest, Project(snapshot.Manifest!));
    }

    /// <summary>Known in memory only: a manifest built in code by the host, which gives it again after a restart.</summary>
    public void Remember(string digest, AppManifest manifest)
    {
        secrets.Include(manifest, Environment.GetEnvironmentVariables());
        _manifests[digest] = manifest;
    }

    /// <summary>The manifest of <paramref name="digest"/>, read back from the store when this controller has not seen it;
    /// null when it is not stored (a manifest built in code by a host that no longer gives it).</summary>
    public async Task<AppManifest?> LoadAsync(string digest, CancellationToken ct)
    {
        if (_manifests.TryGetValue(digest, out var known))
            return known;
        if (await store.GetManifestAsync(digest, ct) is not { Text: { } text } stored)
            return null;
        // Validated when it was admitted; if this Greenlight reads it differently, saying so beats guessing.
        var manifest = ManifestSnapshot.FromText(text, stored.File) is { Snapshot.Manifest: { } m } ? Project(m)
            : throw new InvalidOperationException($"the stored manifest {ManifestSnapshot.Short(digest)} ({stored.File}) is no longer valid");
        Remember(digest, manifest);
        return manifest;
    }

    /// <summary>A manifest already loaded; null when it is not (load it first with <see cref="LoadAsync"/>).</summary>
    public AppManifest? Find(string? digest) => digest is not null && _manifests.TryGetValue(digest, out var m) ? m : null;
}
