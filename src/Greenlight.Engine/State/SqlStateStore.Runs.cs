using System.Text.Json;
using Dapper;
using Greenlight.Core.Manifest;
using Greenlight.Core.Pipelines;

namespace Greenlight.Engine.State;

/// <summary>Pipeline runs, and the manifest snapshots releases and revisions are started from.</summary>
internal abstract partial class SqlStateStore
{
    // Content-addressed: the same digest is the same manifest, stored once.
    public Task SaveManifestAsync(string app, ManifestSnapshot snapshot, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync("""
            INSERT INTO manifests (digest, app, file, text, git_commit, uncommitted, stored_at)
            VALUES (@Digest, @app, @File, @Text, @Commit, @Uncommitted, @at) ON CONFLICT (digest) DO NOTHING
            """,
            new { snapshot.Digest, app, snapshot.File, snapshot.Text, snapshot.Commit, snapshot.Uncommitted, at = _time.GetUtcNow().ToString("O") }, tx));

    public async Task<ManifestSnapshot?> GetManifestAsync(string digest, CancellationToken cancellationToken)
    {
        var r = await QuerySingleAsync<(string Digest, string File, string? Text, string? Commit, bool Uncommitted)>(
            "SELECT digest, file, text, git_commit, uncommitted FROM manifests WHERE digest = @digest", new { digest });
        return r.Digest is null ? null : new ManifestSnapshot(r.Digest, r.File, r.Text, r.Commit, r.Uncommitted);
    }

    public Task SavePipelineRunAsync(PipelineRun run, CancellationToken cancellationToken) =>
        WriteAsync((db, tx) => db.ExecuteAsync("""
            INSERT INTO pipeline_runs (id, app, started_at, state) VALUES (@Id, @App, @StartedAt, @State)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state
            """,
            new { run.Id, run.App, StartedAt = run.StartedAt.ToString("O"), State = JsonSerializer.Serialize(run, Json) }, tx));

    public async Task<PipelineRun?> GetPipelineRunAsync(string id, CancellationToken cancellationToken) =>
        Parse<PipelineRun>(await QuerySingleAsync<string>("SELECT state FROM pipeline_runs WHERE id = @id", new { id }));

    public async Task<IReadOnlyList<PipelineRun>> ListPipelineRunsAsync(string app, int limit, CancellationToken cancellationToken) =>
        ParseAll<PipelineRun>(await QueryAsync<string>("SELECT state FROM pipeline_runs WHERE app = @app ORDER BY started_at DESC, rowid DESC LIMIT @limit", new { app, limit }));

    public async Task<IReadOnlyList<PipelineRun>> ListUnfinishedPipelineRunsAsync(CancellationToken cancellationToken) =>
        ParseAll<PipelineRun>(await QueryAsync<string>($"SELECT state FROM pipeline_runs WHERE {RunningPipelineRun} ORDER BY started_at, rowid"));
}
