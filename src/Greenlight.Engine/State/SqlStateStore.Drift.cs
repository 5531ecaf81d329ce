using System.Text.Json;
using Dapper;
using Greenlight.Core.Drift;
using Greenlight.Core.Traffic;

namespace Greenlight.Engine.State;

internal abstract partial class SqlStateStore
{
    public Task SaveFingerprintAsync(RevisionFingerprint f, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync("""
            INSERT INTO fingerprints (app, revision, taken_at, fingerprint) VALUES (@App, @Revision, @at, @json)
            ON CONFLICT (app, revision) DO UPDATE SET taken_at = excluded.taken_at, fingerprint = excluded.fingerprint
            """, new { f.App, f.Revision, at = f.TakenAt.ToString("O"), json = JsonSerializer.Serialize(f, Json) }, tx));

    public async Task<RevisionFingerprint?> GetFingerprintAsync(string app, string revision, CancellationToken cancellationToken) =>
        Parse<RevisionFingerprint>(await QuerySingleAsync<string>("SELECT fingerprint FROM fingerprints WHERE app = @app AND revision = @revision", new { app, revision }));

    public Task SaveRouteSetAsync(AppRoute route, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Serialized before the write queues: SQLite's writer runs one write at a time.
        var row = new { route.App, digest = RouteText.Digest(route), json = JsonSerializer.Serialize(route, Json), at = at.ToString("O") };
        return WriteAsync((db, tx) => db.ExecuteAsync("""
            INSERT INTO routes_set (app, digest, route, set_at) VALUES (@App, @digest, @json, @at)
            ON CONFLICT (app) DO UPDATE SET digest = excluded.digest, route = excluded.route, set_at = excluded.set_at
            """, row, tx));
    }

    public Task ForgetRouteSetAsync(string app, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync("DELETE FROM routes_set WHERE app = @app", new { app }, tx));

    public async Task<RouteSet?> GetRouteSetAsync(string app, CancellationToken cancellationToken)
    {
        var r = await QuerySingleAsync<(string Digest, string Route, string SetAt)>("SELECT digest, route, set_at FROM routes_set WHERE app = @app", new { app });
        return r.Digest is null ? null : new RouteSet(JsonSerializer.Deserialize<AppRoute>(r.Route, Json)!, r.Digest, DateTimeOffset.Parse(r.SetAt));
    }

    public async Task<IReadOnlyList<DriftFinding>> ListDriftAsync(string app, CancellationToken cancellationToken) =>
        ParseAll<DriftFinding>(await QueryAsync<string>("SELECT finding FROM drift WHERE app = @app ORDER BY since, key", new { app }));

    public Task SaveDriftAsync(string app, IReadOnlyList<DriftFinding> open, CancellationToken cancellationToken) =>
        WriteAsync(async (db, tx) =>
        {
            await WriteDriftNoticesAsync(db, tx, app, open);
            await db.ExecuteAsync("DELETE FROM drift WHERE app = @app", new { app }, tx);
            foreach (var f in open)
                await db.ExecuteAsync("INSERT INTO drift (app, key, since, finding) VALUES (@app, @Key, @since, @json)",
                    new { app, f.Key, since = f.Since.ToString("O"), json = JsonSerializer.Serialize(f with { Expected = _secrets.Apply(f.Expected)!, Found = _secrets.Apply(f.Found)! }, Json) }, tx);
        });
}
