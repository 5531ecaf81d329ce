using System.Data.Common;
using System.Text.Json;
using Dapper;
using Greenlight.Core.Delivery;
using Greenlight.Core.Drift;
using Greenlight.Core.Notifications;

namespace Greenlight.Engine.State;

internal abstract partial class SqlStateStore
{
    /// <summary>The notices of a release's transition, from what was stored before it, in the transition's transaction.
    /// A notice already written (the same transition saved again) is not written twice: its id is the same.</summary>
    private async Task WriteReleaseNoticesAsync(DbConnection db, DbTransaction tx, Release release)
    {
        var before = Parse<Release>(await db.QuerySingleOrDefaultAsync<string>("SELECT state FROM releases WHERE id = @Id", new { release.Id }, tx));
        foreach (var notice in ReleaseNotices.Between(before, release, _time.GetUtcNow()))
            await InsertNoticeAsync(db, tx, notice, release.ManifestDigest);
    }

    /// <summary>The notices of drift found since the app's drift was last saved, in the transaction that saves it.</summary>
    /// <param name="lane">The lane's name: the app's, or app.environment.region.</param>
    private async Task WriteDriftNoticesAsync(DbConnection db, DbTransaction tx, string lane, IReadOnlyList<DriftFinding> open)
    {
        var known = (await db.QueryAsync<string>("SELECT key FROM drift WHERE app = @lane", new { lane }, tx)).ToHashSet(StringComparer.Ordinal);
        var place = Delivery.Lanes.Parse(lane);
        foreach (var finding in open.Where(f => !known.Contains(f.Key)))
            await InsertNoticeAsync(db, tx, DriftNotices.Found(place?.App ?? lane, place is { } p ? (p.Environment, p.Region) : null, finding, _time.GetUtcNow()), null);
    }

    private Task InsertNoticeAsync(DbConnection db, DbTransaction tx, Notice notice, string? manifestDigest)
    {
        // Masked like every reason stored: a notice quotes reasons, and it leaves the machine.
        var masked = notice with { Summary = _secrets.Apply(notice.Summary)!, Facts = [.. notice.Facts.Select(f => KeyValuePair.Create(f.Key, _secrets.Apply(f.Value)!))] };
        return db.ExecuteAsync("INSERT INTO notices (id, app, manifest_digest, notice) VALUES (@Id, @App, @manifestDigest, @json) ON CONFLICT (id) DO NOTHING",
            new { notice.Id, notice.App, manifestDigest, json = JsonSerializer.Serialize(masked, Json) }, tx);
    }

    public async Task<IReadOnlyList<OutboxNotice>> ListUnroutedNoticesAsync(string app, CancellationToken cancellationToken) =>
        (await QueryAsync<(string Notice, string? Digest)>("SELECT notice, manifest_digest FROM notices WHERE app = @app AND NOT routed ORDER BY seq", new { app }))
        .Select(n => new OutboxNotice(JsonSerializer.Deserialize<Notice>(n.Notice, Json)!, n.Digest))
        .ToList();

    public Task RouteNoticeAsync(string noticeId, IReadOnlyList<NotificationChannel> channels, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(async (db, tx) =>
        {
            foreach (var channel in channels)
                await db.ExecuteAsync("""
                    INSERT INTO notice_deliveries (notice_id, channel, definition, status, attempts, next_at)
                    VALUES (@noticeId, @Name, @definition, 'Pending', 0, @at) ON CONFLICT DO NOTHING
                    """, new { noticeId, channel.Name, definition = JsonSerializer.Serialize(channel, Json), at = at.ToString("O") }, tx);
            await db.ExecuteAsync("UPDATE notices SET routed = TRUE WHERE id = @noticeId", new { noticeId }, tx);
        });

    public Task<IReadOnlyList<NoticeDelivery>> ListPendingDeliveriesAsync(string app, CancellationToken cancellationToken) =>
        QueryDeliveriesAsync("AND d.status = 'Pending'", app);

    public Task<IReadOnlyList<NoticeDelivery>> ListDeliveriesAsync(string app, CancellationToken cancellationToken) =>
        QueryDeliveriesAsync("", app);

    public Task RecordDeliveryAsync(string noticeId, string channel, DeliveryStatus status, int attempts, DateTimeOffset nextAt, string? problem, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync(
            "UPDATE notice_deliveries SET status = @status, attempts = @attempts, next_at = @next, problem = @problem WHERE notice_id = @noticeId AND channel = @channel",
            new { noticeId, channel, status = status.ToString(), attempts, next = nextAt.ToString("O"), problem = _secrets.Apply(problem) }, tx));

    private async Task<IReadOnlyList<NoticeDelivery>> QueryDeliveriesAsync(string where, string app) =>
        (await QueryAsync<(string Notice, string Definition, string Status, long Attempts, string NextAt, string? Problem)>($"""
            SELECT n.notice, d.definition, d.status, d.attempts, d.next_at, d.problem FROM notice_deliveries d
            JOIN notices n ON n.id = d.notice_id WHERE n.app = @app {where} ORDER BY n.seq, d.channel
            """, new { app }))
        .Select(d => new NoticeDelivery(JsonSerializer.Deserialize<Notice>(d.Notice, Json)!, JsonSerializer.Deserialize<NotificationChannel>(d.Definition, Json)!,
            Enum.Parse<DeliveryStatus>(d.Status), (int)d.Attempts, DateTimeOffset.Parse(d.NextAt), d.Problem))
        .ToList();
}
