using System.Text.Json;
using Dapper;
using Greenlight.Core.Drift;
using Greenlight.Core.Traffic;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    // Only ever added to Schema's tables, like them created when missing: an older state.db keeps every row.
    private const string DriftSchema = """
        CREATE TABLE IF NOT EXISTS fingerprints (
            app TEXT NOT NULL, revision TEXT NOT NULL, taken_at TEXT NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (app, revision));
        CREATE TABLE IF NOT EXISTS routes_set (
            app TEXT PRIMARY KEY, digest TEXT NOT NULL, route TEXT NOT NULL, set_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS drift (
            app TEXT NOT NULL, key TEXT NOT NULL, since TEXT NOT NULL, finding TEXT NOT NULL, PRIMARY KEY (app, key));
        """;

    public Task SaveFingerprintAsync(RevisionFingerprint f, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.Execute("INSERT OR REPLACE INTO fingerprints (app, revision, taken_at, fingerprint) VALUES (@App, @Revision, @at, @json)",
            new { f.App, f.Revision, at = f.TakenAt.ToString("O"), json = JsonSerializer.Serialize(f, Json) }, tx));

    public Task<RevisionFingerprint?> GetFingerprintAsync(string app, string revision, CancellationToken cancellationToken)
    {
        using var db = Open();
        var json = db.QuerySingleOrDefault<string>("SELECT fingerprint FROM fingerprints WHERE app = @app AND revision = @revision", new { app, revision });
        return Task.FromResult(json is null ? null : JsonSerializer.Deserialize<RevisionFingerprint>(json, Json));
    }

    public Task SaveRouteSetAsync(AppRoute route, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var row = new { route.App, digest = RouteText.Digest(route), json = JsonSerializer.Serialize(route, Json), at = at.ToString("O") };
        return WriteAsync((db, tx) => db.Execute("INSERT OR REPLACE INTO routes_set (app, digest, route, set_at) VALUES (@App, @digest, @json, @at)", row, tx));
    }

    public Task ForgetRouteSetAsync(string app, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.Execute("DELETE FROM routes_set WHERE app = @app", new { app }, tx));

    public Task<RouteSet?> GetRouteSetAsync(string app, CancellationToken cancellationToken)
    {
        using var db = Open();
        var r = db.QuerySingleOrDefault<(string Digest, string Route, string SetAt)>("SELECT digest, route, set_at FROM routes_set WHERE app = @app", new { app });
        return Task.FromResult(r.Digest is null ? null : new RouteSet(JsonSerializer.Deserialize<AppRoute>(r.Route, Json)!, r.Digest, DateTimeOffset.Parse(r.SetAt)));
    }

    public Task<IReadOnlyList<DriftFinding>> ListDriftAsync(string app, CancellationToken cancellationToken)
    {
        using var db = Open();
        IReadOnlyList<DriftFinding> list = db.Query<string>("SELECT finding FROM drift WHERE app = @app ORDER BY since, key", new { app })
            .Select(j => JsonSerializer.Deserialize<DriftFinding>(j, Json)!).ToList();
        return Task.FromResult(list);
    }

    public Task SaveDriftAsync(string app, IReadOnlyList<DriftFinding> open, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) =>
        {
            WriteDriftNotices(db, tx, app, open);
            db.Execute("DELETE FROM drift WHERE app = @app", new { app }, tx);
            foreach (var f in open)
                db.Execute("INSERT INTO drift (app, key, since, finding) VALUES (@app, @Key, @since, @json)",
                    new { app, f.Key, since = f.Since.ToString("O"), json = JsonSerializer.Serialize(f with { Expected = _secrets.Apply(f.Expected)!, Found = _secrets.Apply(f.Found)! }, Json) }, tx);
        });
}
