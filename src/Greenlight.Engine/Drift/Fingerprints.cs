using Greenlight.Core.Drift;
using Greenlight.Core.Secrets;
using Greenlight.Core.Targets;
using Greenlight.Engine.Rollouts;

namespace Greenlight.Engine.Drift;

/// <summary>Records a revision's fingerprint as it starts: what drift compares it with later.</summary>
internal static partial class Fingerprints
{
    /// <summary>Hashes the revision's files meanwhile its process starts; never fails the start: a fingerprint that
    /// cannot be recorded is logged, and drift then says that revision's files are not checked.</summary>
    /// <param name="ctx">The context of the release starting it: its manifest gives the secrets.</param>
    public static async Task RecordAsync(ReleaseContext ctx, RevisionSpec spec, string? manifestDigest, CancellationToken ct)
    {
        try
        {
            var secrets = await ctx.SecretVersions.CurrentAsync(ctx.Manifest, spec.Version, ct);
            var files = await Task.Run(() => FileWalk.WhatRuns(spec, ctx.StateDirectory, ct), ct);
            var key = FingerprintKey.For(ctx.StateDirectory);
            // What the process gets besides PORT: the manifest's variables and those passed on from the controller's.
            var environment = ChildEnvironment.Build(Environment.GetEnvironmentVariables(), spec.Environment)
                .ToDictionary(e => e.Key, e => FingerprintKey.Hash(key, e.Value), StringComparer.Ordinal);
            var route = await ctx.Store.GetRouteSetAsync(ctx.App, ct);
            await ctx.Store.SaveFingerprintAsync(
                new RevisionFingerprint(ctx.App, spec.Version, manifestDigest, files, environment, route?.Digest, secrets, ctx.Time.GetUtcNow()), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotRecorded(ctx.Logger, spec.Version, ctx.Secrets.Apply(e.Message)!);
        }
    }
}
