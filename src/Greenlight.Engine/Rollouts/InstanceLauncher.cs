using Greenlight.Core.Targets;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Rollouts;

/// <summary>
/// Starts one process of a revision: the intent is recorded before the spawn (and its launch id handed to the process),
/// the process as soon as it exists, and it is recorded running once healthy, unless it was stopped or declared dead
/// meanwhile: then it is stopped, never left running unrecorded.
/// </summary>
internal sealed class InstanceLauncher(ReleaseContext ctx)
{
    /// <param name="launchId">The instance's earlier launch id, so that what an earlier attempt left running is stopped first.</param>
    public async Task<RevisionHandle> StartAsync(RevisionSpec spec, string? launchId, string? manifestDigest, CancellationToken ct)
    {
        spec = spec with { LaunchId = launchId ?? Guid.NewGuid().ToString("N") };
        await ctx.Store.SaveRevisionAsync(Record(spec.Version, spec.Instance, 0, 0, 0, spec.LogFile, spec.LaunchId, manifestDigest), ct);
        RevisionRecord? launched = null;
        var handle = await ctx.Target.StartAsync(spec, h =>
        {
            launched = Record(h.Version, h.Instance, h.Pid, h.StartTime, h.Port, h.LogFile, h.LaunchId, manifestDigest);
            return ctx.Store.SaveRevisionAsync(launched, ct);
        }, ct);
        if (await ctx.Store.SetRevisionStatusAsync(launched!, RevisionStatus.Running, ct))
            return handle;
        await ctx.Target.StopAsync(handle, ctx.Manifest.Run.StopTimeout, CancellationToken.None);
        throw new RevisionStartException($"{spec.App} {launched!.Name} was stopped or declared dead while it started");
    }

    private RevisionRecord Record(string version, int instance, int pid, long startTime, int port, string logFile, string? launchId, string? digest) =>
        new(ctx.App, version, pid, startTime, port, logFile, RevisionStatus.Starting, ctx.Time.GetUtcNow(), launchId, digest, instance);
}
