using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;
using Greenlight.Core.Traffic;

namespace Greenlight.Engine.Secrets;

/// <summary>
/// <c>edge.tls</c> certificates and keys kept as secrets. Before a route leaves the controller, each reference in its TLS
/// is read (fail closed: the step fails naming the field and the reference, never a value) and written to an owner-only
/// file in <c>edge-tls/&lt;lane&gt;/</c> of the state directory; the route carries only those paths, as it would the
/// user's own files. <see cref="RefreshAsync"/> writes a rotated value over the same file, which the edge loads on its
/// next handshake as it loads a renewed certificate file.
/// </summary>
internal sealed class TlsSecretRouter(ITrafficRouter inner, SecretResolver resolver, string stateDirectory, string app) : ITrafficRouter
{
    // The TLS, references and all, of the route applied last, while its files are this router's to keep current.
    private EdgeTls? _referenced;

    public string Name => inner.Name;

    private string Directory => Path.Combine(Path.GetFullPath(stateDirectory), "edge-tls", app);

    public async Task ApplyAsync(AppRoute route, CancellationToken cancellationToken)
    {
        if (route.Tls is { } tls && tls.Pems.Any(p => EdgeTls.IsSecret(p.Pem)))
        {
            route = route with { Tls = tls.WithPems(await WriteAsync(tls, cancellationToken)) };
            _referenced = tls;
        }
        else if (route.Tls?.Pems.Any(p => p.Pem.StartsWith(Directory + "/", StringComparison.Ordinal)) != true)
        {
            _referenced = null; // a route put back as the edge had it still names these files; any other drops them
        }
        await inner.ApplyAsync(route, cancellationToken);
    }

    /// <summary>Writes the current value of each secret of the route applied last, where it changed. A secret that
    /// cannot be read leaves its file as it is (the edge serves on) and throws <see cref="SecretUnavailableException"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _referenced) is { } tls)
            await WriteAsync(tls, cancellationToken);
    }

    public Task<AppRoute?> GetAsync(string app, CancellationToken cancellationToken) => inner.GetAsync(app, cancellationToken);

    public async Task<bool> RemoveAsync(string app, CancellationToken cancellationToken)
    {
        var removed = await inner.RemoveAsync(app, cancellationToken);
        _referenced = null;
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
        return removed;
    }

    public Task<IReadOnlyDictionary<string, RevisionTraffic>> GetTrafficAsync(string app, CancellationToken cancellationToken) =>
        inner.GetTrafficAsync(app, cancellationToken);

    /// <returns>The path written for each file name (see <see cref="EdgeTls.Pems"/>).</returns>
    private async Task<Dictionary<string, string>> WriteAsync(EdgeTls tls, CancellationToken ct)
    {
        var reads = await Task.WhenAll(tls.Pems.Where(p => EdgeTls.IsSecret(p.Pem)).Select(async p =>
        {
            SecretReference.TryParse(p.Pem, out var reference);
            var (value, problem) = await resolver.ReadValueAsync(reference, ct);
            return (p.File, p.Field, Value: value, Problem: problem);
        }));
        var failures = reads.Where(r => r.Problem is not null).Select(r => $"{r.Field}: {r.Problem}").ToList();
        if (failures.Count > 0)
            throw new SecretUnavailableException($"the edge's TLS secrets cannot be read: {string.Join("; ", failures)}");
        OwnerOnly.CreateDirectory(Directory);
        foreach (var (file, _, value, _) in reads)
            Replace(Path.Combine(Directory, file), value!);
        return reads.ToDictionary(r => r.File, r => Path.Combine(Directory, r.File));
    }

    // Written beside and renamed over it, so the edge never reads half a key; an unchanged value leaves the file alone.
    private static void Replace(string path, string value)
    {
        if (File.Exists(path) && File.ReadAllText(path) == value)
            return;
        OwnerOnly.WriteAllText(path + ".new", value);
        File.Move(path + ".new", path, overwrite: true);
    }
}
