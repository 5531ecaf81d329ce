using Dapper;

namespace Greenlight.Engine.State;

internal abstract partial class SqlStateStore
{
    public Task SaveRevisionAsync(RevisionRecord r, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync("""
            INSERT INTO revisions (app, version, instance, pid, start_time, port, log_file, status, started_at, launch_id, manifest_digest)
            VALUES (@App, @Version, @Instance, @Pid, @StartTime, @Port, @LogFile, @Status, @StartedAt, @LaunchId, @ManifestDigest)
            ON CONFLICT (app, version, instance) DO UPDATE SET pid = excluded.pid, start_time = excluded.start_time, port = excluded.port,
                log_file = excluded.log_file, status = excluded.status, started_at = excluded.started_at, launch_id = excluded.launch_id,
                manifest_digest = excluded.manifest_digest
            """,
            new { r.App, r.Version, r.Instance, r.Pid, r.StartTime, r.Port, r.LogFile, Status = r.Status.ToString(), StartedAt = r.StartedAt.ToString("O"), r.LaunchId, r.ManifestDigest }, tx));

    public Task<bool> SetRevisionStatusAsync(RevisionRecord seen, RevisionStatus status, CancellationToken cancellationToken) =>
        WriteAsync(async (db, tx) => await db.ExecuteAsync(
            "UPDATE revisions SET status = @to WHERE app = @App AND version = @Version AND instance = @Instance AND pid = @Pid AND start_time = @StartTime AND status = @from",
            new { seen.App, seen.Version, seen.Instance, seen.Pid, seen.StartTime, from = seen.Status.ToString(), to = status.ToString() }, tx) == 1);

    public async Task<RevisionRecord?> GetRevisionAsync(string app, string version, CancellationToken cancellationToken) =>
        (await QueryRevisionsAsync("WHERE app = @app AND version = @version AND instance = 0", new { app, version })).SingleOrDefault();

    public async Task<IReadOnlyList<RevisionRecord>> ListInstancesAsync(string app, string version, CancellationToken cancellationToken) =>
        await QueryRevisionsAsync("WHERE app = @app AND version = @version ORDER BY instance", new { app, version });

    /// <summary>Revisions in the order they were first started, each one's instances together and in order: instances
    /// start in parallel and restart on their own, so their own start times would interleave them.</summary>
    public async Task<IReadOnlyList<RevisionRecord>> ListRevisionsAsync(string app, CancellationToken cancellationToken) =>
        (await QueryRevisionsAsync("WHERE app = @app", new { app }))
        .GroupBy(r => r.Version).OrderBy(g => g.Min(r => r.StartedAt)).ThenBy(g => g.Key, StringComparer.Ordinal)
        .SelectMany(g => g.OrderBy(r => r.Instance)).ToList();

    public async Task<IReadOnlyList<string>> ListAppsAsync(CancellationToken cancellationToken) =>
        await QueryAsync<string>("SELECT DISTINCT app FROM revisions ORDER BY app");

    private async Task<List<RevisionRecord>> QueryRevisionsAsync(string where, object args) =>
        (await QueryAsync<(string App, string Version, long Pid, long StartTime, long Port, string LogFile, string Status, string StartedAt, string? LaunchId, string? ManifestDigest, long Instance)>(
            "SELECT app, version, pid, start_time, port, log_file, status, started_at, launch_id, manifest_digest, instance FROM revisions " + where, args))
        .Select(r => new RevisionRecord(r.App, r.Version, (int)r.Pid, r.StartTime, (int)r.Port, r.LogFile,
            Enum.Parse<RevisionStatus>(r.Status), DateTimeOffset.Parse(r.StartedAt), r.LaunchId, r.ManifestDigest, (int)r.Instance))
        .ToList();
}
