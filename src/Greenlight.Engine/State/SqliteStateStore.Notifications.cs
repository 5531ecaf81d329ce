using System.Text.Json;
using Dapper;
using Greenlight.Core.Delivery;
using Greenlight.Core.Drift;
using Greenlight.Core.Notifications;
using Microsoft.Data.Sqlite;

namespace Greenlight.Engine.State;

internal sealed partial class SqliteStateStore
{
    private const string NotificationsSchema = """
        CREATE TABLE IF NOT EXISTS notices (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, app TEXT NOT NULL, manifest_digest TEXT,
            notice TEXT NOT NULL, routed INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS notices_app ON notices (app, routed, seq);
        CREATE TABLE IF NOT EXISTS notice_deliveries (
            notice_id TEXT NOT NULL, channel TEXT NOT NULL, definition TEXT NOT NULL, status TEXT NOT NULL,
            attempts INTEGER NOT NULL, next_at TEXT NOT NULL, problem TEXT, PRIMARY KEY (notice_id, channel));
        CREATE INDEX IF NOT EXISTS notice_deliveries_status ON notice_deliveries (status);
        """;

    /// <summary>The notices of a release's transition, from what was stored before it, in the transition's transaction.
    /// A notice already written (the same transition saved again) is not written twice: its id is the same.</summary>
    private void WriteReleaseNotices(SqliteConnection db, SqliteTransaction tx, Release release)
    {
        var json = db.QuerySingleOrDefault<string>("SELECT state FROM releases WHERE id = @Id", new { release.Id }, tx);
        var before = json is null ? null : JsonSerializer.Deserialize<Release>(json, Json);
        foreach (var notice in ReleaseNotices.Between(before, release, _time.GetUtcNow()))
            InsertNotice(db, tx, notice, release.ManifestDigest);
    }

    /// <summary>The notices of drift found since the app's drift was last saved, in the transaction that saves it.</summary>
    /// <param name="lane">The lane's name: the app's, or app.environment.region.</param>
    private void WriteDriftNotices(SqliteConnection db, SqliteTransaction tx, string lane, IReadOnlyList<DriftFinding> open)
    {
        var known = db.Query<string>("SELECT key FROM drift WHERE app = @lane", new { lane }, tx).ToHashSet(StringComparer.Ordinal);
        var place = Delivery.Lanes.Parse(lane);
        foreach (var finding in open.Where(f => !known.Contains(f.Key)))
            InsertNotice(db, tx, DriftNotices.Found(place?.App ?? lane, place is { } p ? (p.Environment, p.Region) : null, finding, _time.GetUtcNow()), null);
    }

    private void InsertNotice(SqliteConnection db, SqliteTransaction tx, Notice notice, string? manifestDigest)
    {
        // Masked like every reason stored: a notice quotes reasons, and it leaves the machine.
        var masked = notice with { Summary = _secrets.Apply(notice.Summary)!, Facts = [.. notice.Facts.Select(f => KeyValuePair.Create(f.Key, _secrets.Apply(f.Value)!))] };
        db.Execute("INSERT INTO notices (id, app, manifest_digest, notice) VALUES (@Id, @App, @manifestDigest, @json) ON CONFLICT (id) DO NOTHING",
            new { notice.Id, notice.App, manifestDigest, json = JsonSerializer.Serialize(masked, Json) }, tx);
    }

    public Task<IReadOnlyList<OutboxNotice>> ListUnroutedNoticesAsync(string app, CancellationToken cancellationToken)
    {
        using var db = Open();
        IReadOnlyList<OutboxNotice> list = db.Query<(string Notice, string? Digest)>(
                "SELECT notice, manifest_digest FROM notices WHERE app = @app AND routed = 0 ORDER BY seq", new { app })
            .Select(n => new OutboxNotice(JsonSerializer.Deserialize<Notice>(n.Notice, Json)!, n.Digest)).ToList();
        return Task.FromResult(list);
    }

    public Task RouteNoticeAsync(string noticeId, IReadOnlyList<NotificationChannel> channels, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) =>
        {
            foreach (var channel in channels)
                db.Execute("""
                    INSERT INTO notice_deliveries (notice_id, channel, definition, status, attempts, next_at)
                    VALUES (@noticeId, @Name, @definition, 'Pending', 0, @at) ON CONFLICT DO NOTHING
                    """, new { noticeId, channel.Name, definition = JsonSerializer.Serialize(channel, Json), at = at.ToString("O") }, tx);
            db.Execute("UPDATE notices SET routed = 1 WHERE id = @noticeId", new { noticeId }, tx);
        });

    public Task<IReadOnlyList<NoticeDelivery>> ListPendingDeliveriesAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult(QueryDeliveries("AND d.status = 'Pending'", app));

    public Task<IReadOnlyList<NoticeDelivery>> ListDeliveriesAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult(QueryDeliveries("", app));

    public Task RecordDeliveryAsync(string noticeId, string channel, DeliveryStatus status, int attempts, DateTimeOffset nextAt, string? problem, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.Execute(
            "UPDATE notice_deliveries SET status = @status, attempts = @attempts, next_at = @next, problem = @problem WHERE notice_id = @noticeId AND channel = @channel",
            new { noticeId, channel, status = status.ToString(), attempts, next = nextAt.ToString("O"), problem = _secrets.Apply(problem) }, tx));

    private IReadOnlyList<NoticeDelivery> QueryDeliveries(string where, string app)
    {
        using var db = Open();
        return db.Query<(string Notice, string Definition, string Status, long Attempts, string NextAt, string? Problem)>($"""
                SELECT n.notice, d.definition, d.status, d.attempts, d.next_at, d.problem FROM notice_deliveries d
                JOIN notices n ON n.id = d.notice_id WHERE n.app = @app {where} ORDER BY n.seq, d.channel
                """, new { app })
            .Select(d => new NoticeDelivery(JsonSerializer.Deserialize<Notice>(d.Notice, Json)!, JsonSerializer.Deserialize<NotificationChannel>(d.Definition, Json)!,
                Enum.Parse<DeliveryStatus>(d.Status), (int)d.Attempts, DateTimeOffset.Parse(d.NextAt), d.Problem))
            .ToList();
    }
}
