using System.Net;
using System.Net.Sockets;
using Greenlight.Core.Drift;
using Greenlight.Core.Rollouts;
using Greenlight.Engine.Rollouts;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Drift;

/// <summary>
/// Looks at what runs for the app and compares it with what was recorded (<see cref="DriftRules"/> judges): every
/// revision recorded to run, the files of those running, their secrets' versions, the edge's route, and whether what the
/// lane serves passed the environment before.
/// </summary>
internal sealed partial class DriftCheck(ReleaseContext ctx)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly List<DriftFinding> _findings = [];
    private readonly List<string> _unchecked = [];
    private readonly HashSet<DriftKind> _uncheckedKinds = [];
    // Revisions of one working directory and command share one walk.
    private readonly Dictionary<string, FileSet> _walks = [];

    /// <param name="live">The app's unfinished rollouts: the revisions they start or keep are wanted running.</param>
    public async Task<DriftScan> ScanAsync(IReadOnlyList<Rollout> live, CancellationToken ct)
    {
        var now = ctx.Time.GetUtcNow();
        var owner = (await ctx.Store.ListRolloutsAsync(ctx.App, 20, ct)).FirstOrDefault(r => r.Serves is not null);
        var revisions = await ctx.Store.ListRevisionsAsync(ctx.App, ct);
        var wanted = live.SelectMany(r => new[] { r.RevisionName, r.Stable }).Append(owner?.Serves).OfType<string>().ToHashSet();
        // The instances of a revision share its files, secrets and repair: compared and reported once.
        var compared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in revisions)
        {
            // Until its repair serves again (traffic switched back to it), a dead revision still drifts.
            var repair = live.FirstOrDefault(l => l is { Repair: true, IsActive: true } && l.RevisionName == r.Version);
            if (repair is not null && r.Status != RevisionStatus.Dead)
            {
                if (r.Instance == 0)
                    _findings.Add(DriftRules.Restarting(r.Version, repair.Id, now));
            }
            else if (r.Status == RevisionStatus.Running && ctx.Target.IsRunning(ReleaseContext.HandleOf(r)))
            {
                if (compared.Add(r.Version))
                    await CompareAsync(r, now, ct);
            }
            else if (r.Status == RevisionStatus.Running || (r.Status == RevisionStatus.Dead && wanted.Contains(r.Version)))
            {
                // A port another revision of the app took since is not someone's process started by hand.
                var taken = revisions.Any(o => o != r && o.Port == r.Port && o.Status is RevisionStatus.Running or RevisionStatus.Starting);
                var gone = DriftRules.Gone(r.Version, r.Pid, r.Port, r.StartedAt, !taken && await AnswersAsync(r.Port, ct), now);
                _findings.Add(repair is null ? gone : gone with { Repair = $"repair {repair.Id} under way" });
            }
        }
        await CompareRouteAsync(now, ct);
        var serving = revisions.FirstOrDefault(r => r.Version == owner?.Serves && r.Instance == 0);
        if (serving is not null)
            await ComparePromotionAsync(serving, now, ct);
        var mode = (serving is null ? ctx.Manifest : ctx.ManifestOf(serving)).Reconcile;
        return new DriftScan(_findings, mode, _unchecked, _uncheckedKinds, owner?.Id);
    }

    private async Task CompareAsync(RevisionRecord r, DateTimeOffset now, CancellationToken ct)
    {
        if (await ctx.Store.GetFingerprintAsync(ctx.App, r.Version, ct) is not { } fingerprint)
        {
            _unchecked.Add($"files of {r.Version}: it has no fingerprint (started before Greenlight recorded them, or the recording failed: see the controller's log); its next start records one");
            return;
        }
        var manifest = ctx.ManifestOf(r);
        var spec = ctx.For(manifest).SpecFor(r.Version);
        var key = string.Join('\0', [spec.WorkingDirectory, spec.Command, .. spec.Args]);
        if (!_walks.TryGetValue(key, out var files))
            _walks[key] = files = await Task.Run(() => FileWalk.WhatRuns(spec, ctx.StateDirectory, ct), ct);
        if (DriftRules.Files(r.Version, fingerprint.Files, files, now) is { } changed)
            _findings.Add(changed);
        if (fingerprint.Secrets.Count == 0)
            return;
        try
        {
            var current = await ctx.SecretVersions.CurrentAsync(manifest, r.Version, ct);
            if (DriftRules.Secrets(r.Version, fingerprint.Secrets, current, now) is { } rotated)
                _findings.Add(rotated);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _unchecked.Add($"secrets of {r.Version}: their versions could not be read ({ctx.Secrets.Apply(e.Message)})");
            _uncheckedKinds.Add(DriftKind.SecretRotated);
        }
    }

    /// <summary>Under the route lock: a route the controller is setting right now is not drift.</summary>
    private async Task CompareRouteAsync(DateTimeOffset now, CancellationToken ct)
    {
        await ctx.RouteLock.WaitAsync(ct);
        try
        {
            var set = await ctx.Store.GetRouteSetAsync(ctx.App, ct);
            var current = await ctx.Router.GetAsync(ctx.App, ct);
            if (set is null && current is not null)
                _unchecked.Add("the route: the controller has not set it since it records the routes it sets; the next release (or repair) does");
            else if (DriftRules.Route(set?.Route, current, now) is { } changed)
                _findings.Add(changed);
        }
        catch (HttpRequestException e)
        {
            _unchecked.Add($"the route: the edge did not answer ({e.Message})");
            _uncheckedKinds.Add(DriftKind.RouteChanged);
        }
        finally
        {
            ctx.RouteLock.Release();
        }
    }

    /// <summary>Whether something accepts connections on the loopback port.</summary>
    private static async Task<bool> AnswersAsync(int port, CancellationToken ct)
    {
        if (port == 0)
            return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
