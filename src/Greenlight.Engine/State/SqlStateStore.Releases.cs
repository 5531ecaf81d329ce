using System.Text.Json;
using Dapper;
using Greenlight.Core.Delivery;

namespace Greenlight.Engine.State;

internal abstract partial class SqlStateStore
{
    public Task SaveReleaseAsync(Release release, IReadOnlyList<string> log, CancellationToken cancellationToken)
    {
        release = release with { Reason = _secrets.Apply(release.Reason) };
        return WriteAsync(async (db, tx) =>
        {
            await WriteReleaseNoticesAsync(db, tx, release);
            await db.ExecuteAsync("""
                INSERT INTO releases (id, app, terminal, created_at, state) VALUES (@Id, @App, @Terminal, @CreatedAt, @State)
                ON CONFLICT (id) DO UPDATE SET terminal = excluded.terminal, state = excluded.state
                """,
                new { release.Id, release.App, Terminal = release.IsTerminal, CreatedAt = release.CreatedAt.ToString("O"), State = JsonSerializer.Serialize(release, Json) },
                tx);
            await InsertEventsAsync(db, tx, release.Id, log);
        });
    }

    public async Task<Release?> GetReleaseAsync(string id, CancellationToken cancellationToken) =>
        Parse<Release>(await QuerySingleAsync<string>("SELECT state FROM releases WHERE id = @id", new { id }));

    public async Task<IReadOnlyList<Release>> ListReleasesAsync(string app, int limit, bool unfinishedOnly, CancellationToken cancellationToken) =>
        ParseAll<Release>(await QueryAsync<string>(unfinishedOnly
            ? "SELECT state FROM releases WHERE app = @app AND NOT terminal ORDER BY created_at, rowid LIMIT @limit"
            : "SELECT state FROM releases WHERE app = @app ORDER BY created_at DESC, rowid DESC LIMIT @limit", new { app, limit }));
}
