using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;
using Greenlight.Core.Targets;

namespace Greenlight.Engine.Secrets;

/// <summary>Reads every secret of a revision from its provider, all at once. Each value read is added to the masker
/// before anything else happens, so that no output written from then on can show it.</summary>
/// <remarks>Also tells drift the current version of each secret a manifest gives ("a secret rotated since the revision
/// started"): secrets without versions (from the controller's environment) and those that cannot be read are left out.</remarks>
internal sealed class SecretResolver(IReadOnlyDictionary<string, ISecretProvider> providers, SecretValues masker) : Drift.ISecretVersions
{
    public async Task<IReadOnlyDictionary<string, string>> CurrentAsync(Core.Manifest.AppManifest manifest, string revision, CancellationToken ct)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, binding) in manifest.Secrets.Variables)
            if (await ReadAsync(binding.Reference, ct) is { Secret: { Version: { } version } secret })
            {
                masker.Add(secret.Value);
                versions[name] = version;
            }
        return versions;
    }

    /// <exception cref="RevisionStartException">Any secret cannot be read (fail closed): every one that cannot is named.</exception>
    public async Task<IReadOnlyList<ResolvedSecret>> ResolveAsync(RevisionSpec spec, CancellationToken ct)
    {
        var reads = await Task.WhenAll(spec.Secrets.Variables.Select(async v => (v.Key, v.Value, Result: await ReadAsync(v.Value.Reference, ct))));
        foreach (var read in reads)
            if (read.Result.Secret is { } secret)
                masker.Add(secret.Value);
        var failures = reads.Where(r => r.Result.Problem is not null).Select(r => $"secret {r.Key}: {r.Result.Problem}").ToList();
        if (failures.Count > 0)
            throw new RevisionStartException($"{spec.App} {spec.Version} was not started: {string.Join("; ", failures)}");
        return [.. reads.Select(r => new ResolvedSecret(r.Key, r.Value, r.Result.Secret!))];
    }

    /// <summary>One secret's value for the controller's own use (<c>edge.tls</c>), added to the masker; the problem
    /// (naming the reference, never a value) instead when it cannot be read or is empty.</summary>
    public async Task<(string? Value, string? Problem)> ReadValueAsync(SecretReference reference, CancellationToken ct)
    {
        var (secret, problem) = await ReadAsync(reference, ct);
        if (secret is not null)
            masker.Add(secret.Value);
        return problem is null ? (secret!.Value, null) : (null, problem);
    }

    private async Task<(SecretValue? Secret, string? Problem)> ReadAsync(SecretReference reference, CancellationToken ct)
    {
        if (!providers.TryGetValue(reference.Scheme, out var provider))
            return (null, $"{reference}: no secret provider reads {reference.Scheme}: references");
        try
        {
            var secret = await provider.GetAsync(reference, ct);
            return secret.Value.Length == 0 ? (secret, $"{reference}: the value is empty") : (secret, null);
        }
        catch (SecretUnavailableException e)
        {
            return (null, e.Message);
        }
    }
}

/// <summary>A secret read for one start of a revision.</summary>
internal sealed record ResolvedSecret(string Name, SecretBinding Binding, SecretValue Secret)
{
    public SecretUse Use => new(Name, Binding.Reference.ToString(), Secret.Version);
}
