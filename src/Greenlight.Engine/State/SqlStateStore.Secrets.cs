using Dapper;
using Greenlight.Engine.Secrets;

namespace Greenlight.Engine.State;

internal abstract partial class SqlStateStore
{
    public Task SaveRevisionSecretsAsync(string app, string version, IReadOnlyList<SecretUse> secrets, CancellationToken cancellationToken) =>
        WriteAsync(async (db, tx) =>
        {
            await db.ExecuteAsync("DELETE FROM revision_secrets WHERE app = @app AND version = @version", new { app, version }, tx);
            await db.ExecuteAsync("INSERT INTO revision_secrets (app, version, name, reference, secret_version) VALUES (@App, @Version, @Name, @Reference, @SecretVersion)",
                secrets.Select(s => new { App = app, Version = version, s.Name, s.Reference, SecretVersion = s.Version }), tx);
        });

    public async Task<IReadOnlyList<SecretUse>> GetRevisionSecretsAsync(string app, string version, CancellationToken cancellationToken) =>
        (await QueryAsync<(string Name, string Reference, string? SecretVersion)>(
            "SELECT name, reference, secret_version FROM revision_secrets WHERE app = @app AND version = @version ORDER BY name", new { app, version }))
        .Select(r => new SecretUse(r.Name, r.Reference, r.SecretVersion))
        .ToList();
}
