using System.Text.Json;
using Dapper;
using Greenlight.Core.Delivery;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    public Task SaveReleaseAsync(Release release, IReadOnlyList<string> log, CancellationToken cancellationToken)
    {
        release = release with { Reason = _secrets.Apply(release.Reason) };
        return WriteAsync((db, tx) =>
        {
            WriteReleaseNotices(db, tx, release);
            db.Execute("""
                INSERT INTO releases (id, app, terminal, created_at, state) VALUES (@Id, @App, @Terminal, @CreatedAt, @State)
                ON CONFLICT (id) DO UPDATE SET terminal = excluded.terminal, state = excluded.state
                """,
                new { release.Id, release.App, Terminal = release.IsTerminal, CreatedAt = release.CreatedAt.ToString("O"), State = JsonSerializer.Serialize(release, Json) },
                tx);
            var at = _time.GetUtcNow();
            foreach (var message in log)
                InsertEvent(db, tx, release.Id, at, message, null);
        });
    }

    public Task<Release?> GetReleaseAsync(string id, CancellationToken cancellationToken)
    {
        using var db = Open();
        var json = db.QuerySingleOrDefault<string>("SELECT state FROM releases WHERE id = @id", new { id });
        return Task.FromResult(json is null ? null : JsonSerializer.Deserialize<Release>(json, Json));
    }

    public Task<IReadOnlyList<Release>> ListReleasesAsync(string app, int limit, bool unfinishedOnly, CancellationToken cancellationToken)
    {
        using var db = Open();
        var sql = unfinishedOnly
            ? "SELECT state FROM releases WHERE app = @app AND terminal = 0 ORDER BY created_at, rowid LIMIT @limit"
            : "SELECT state FROM releases WHERE app = @app ORDER BY created_at DESC, rowid DESC LIMIT @limit";
        IReadOnlyList<Release> list = db.Query<string>(sql, new { app, limit }).Select(j => JsonSerializer.Deserialize<Release>(j, Json)!).ToList();
        return Task.FromResult(list);
    }
}
