using Greenlight.Core.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Control;

/// <summary>Each release's manifest: read and admitted, named in its revision, resolved again when a rollout resumes.</summary>
public sealed partial class ReleaseController
{
    /// <summary>
    /// The name of the revision a release of <paramref name="version"/> with manifest <paramref name="digest"/> starts:
    /// the version, or version@digest when a revision of that version runs already (a config release). Refuses a release
    /// that would change nothing: the same version with the same manifest serving, or kept warm for rollback.
    /// </summary>
    /// <param name="serving">What serves now (<see cref="ServingAsync"/>).</param>
    private async Task<string?> RevisionForAsync(string version, string? digest, string? serving, CancellationToken ct)
    {
        if (serving is not null && RevisionNames.VersionOf(serving) == version && await DigestOfAsync(serving, ct) == digest)
            throw new ReleaseRejectedException(RejectionKind.Conflict,
                $"version {version} is already serving with this manifest{(digest is null ? "" : $" ({Core.Manifest.ManifestSnapshot.Short(digest)})")}; change the manifest for a config release");
        foreach (var warm in Live().Where(r => r is { Phase: RolloutPhase.Warm, StableLost: null, Stable: not null }))
            if (RevisionNames.VersionOf(warm.Stable!) == version && await DigestOfAsync(warm.Stable!, ct) == digest)
                throw new ReleaseRejectedException(RejectionKind.Conflict,
                    $"version {version} is the warm previous revision; run `greenlight rollback` to return to it");
        var taken = await _ctx.Store.GetRevisionAsync(App, version, ct);
        return taken is { Status: RevisionStatus.Running or RevisionStatus.Starting } && digest is not null
            ? RevisionNames.ForConfigRelease(version, digest)
            : null;
    }

    private async Task<string?> DigestOfAsync(string revision, CancellationToken ct) =>
        (await _ctx.Store.GetRevisionAsync(App, revision, ct))?.ManifestDigest;

    /// <summary>A request that brings no manifest is released with the manifest file as it is now, never a copy read earlier.</summary>
    private async Task<Core.Manifest.ManifestSnapshot> ReadManifestAsync(CancellationToken ct)
    {
        var started = _ctx.Manifest;
        if (started.SourceFile is not { } file)
        {
            var inCode = Core.Manifest.ManifestSnapshot.Of(started);
            _ctx.Manifests.Remember(inCode.Digest, started);
            return inCode;
        }
        var read = await Sources.ManifestFile.ReadAsync(file, ct);
        return read.Snapshot ?? throw ReleaseRejectedException.InvalidManifest(read.Errors);
    }

    private static string Describe(Core.Manifest.ManifestSnapshot s) =>
        $"{Core.Manifest.ManifestSnapshot.Short(s.Digest)} ({s.File}{(s.Commit is { } c ? $", commit {c[..Math.Min(12, c.Length)]}{(s.Uncommitted ? " with uncommitted changes" : "")}" : "")})";

    /// <summary>The manifest a rollout runs on. One built in code that its host no longer gives (only an embedding host
    /// can lose one; a file's is stored) is replaced by the host's, and the rollout's log says so.</summary>
    private async Task<Core.Manifest.AppManifest> ManifestOfAsync(Rollout rollout, CancellationToken ct)
    {
        if (rollout.ManifestDigest is not { } digest)
            return _ctx.Manifest;
        if (await _ctx.Manifests.LoadAsync(digest, ct) is { } manifest)
            return manifest;
        await _ctx.Store.AppendEventAsync(rollout.Id,
            $"manifest {Core.Manifest.ManifestSnapshot.Short(digest)} was built in code and is not stored: resumed on the controller's manifest", null, ct);
        return _ctx.Manifest;
    }

    /// <summary>The manifest snapshot a release was made with, as it was written.</summary>
    public async Task<Core.Manifest.ManifestSnapshot> GetManifestAsync(string id, CancellationToken ct)
    {
        var rollout = await GetRolloutAsync(id, ct) ?? throw new ReleaseRejectedException(RejectionKind.NotFound, $"no rollout {id}");
        if (rollout.ManifestDigest is not { } digest)
            throw new ReleaseRejectedException(RejectionKind.NotFound, $"rollout {id} was recorded before releases carried their manifest");
        return await _ctx.Store.GetManifestAsync(digest, ct)
            ?? throw new ReleaseRejectedException(RejectionKind.NotFound, $"the manifest {Core.Manifest.ManifestSnapshot.Short(digest)} of rollout {id} is not stored (it was built in code)");
    }
}
