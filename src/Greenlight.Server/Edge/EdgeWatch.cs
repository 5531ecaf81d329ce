using Greenlight.Core.Traffic;
using Greenlight.Engine.Control;
using Greenlight.Providers.Traffic.Edge;
using Microsoft.Extensions.Logging;

namespace Greenlight.Server.Edge;

/// <summary>
/// Watches the edge while the controller runs and replaces it, in the same state directory so the new one
/// restores the saved route table, when its process dies or it stops answering its health check. A warm
/// standby process waits to take over the moment the edge's lock is free (a cold start of a .NET process
/// takes most of a second, more on a busy machine), and a new one follows each takeover; without one, a new
/// edge is started. The first such start after a death is immediate; an edge that keeps dying soon after
/// starting is restarted with a doubling delay (capped), never in a tight loop, and <see cref="Report"/> says so.
/// </summary>
public sealed partial class EdgeWatch : IAsyncDisposable
{
    /// <summary>How often the process is looked at: a death is noticed within this much.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan HealthEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(2);
    /// <summary>Consecutive unanswered health checks after which a live edge counts as hung and is killed.</summary>
    private const int HealthMisses = 5;
    /// <summary>An edge that ran this long before it died is not crash-looping.</summary>
    private static readonly TimeSpan Stable = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly EdgeLauncher _launcher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private RunningEdge _edge;
    private EdgeReport _report;
    private int _quickDeaths;
    private (System.Diagnostics.Process Process, long LogMark)? _standby;
    private DateTimeOffset _nextStandby;

    internal EdgeWatch(RunningEdge edge, bool adopted, string how, EdgeLauncher launcher, TimeProvider time, ILoggerFactory logs)
    {
        _edge = edge;
        _launcher = launcher;
        _time = time;
        _logger = logs.CreateLogger<EdgeWatch>();
        Adopted = adopted;
        _report = new EdgeReport("serving", edge.Connection.Pid, 0, null, null, how);
        Router = new SupervisedEdgeRouter(this);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Whether the edge was already running when the controller started.</summary>
    public bool Adopted { get; }

    /// <summary>The edge serving now (a restart brings a new pid and admin port).</summary>
    public EdgeConnection Connection => Volatile.Read(ref _edge).Connection;

    public EdgeReport Report => Volatile.Read(ref _report);

    internal TimeProvider Time => _time;

    /// <summary>The <c>edge</c> traffic router that follows restarts and says "the edge is down" while it is.</summary>
    public ITrafficRouter Router { get; }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var edge = Volatile.Read(ref _edge);
                var death = await WatchAsync(edge, ct);
                // Our standby serving now is no hand-over: it took a lock the edge's death freed. Noticed that late (the
                // watch was busy with a health check), it would otherwise pass for a planned restart, and the death for none.
                if (await _launcher.SuccessorOfAsync(edge.Connection.Pid, ct) is { } successor && successor.Connection.Pid != _standby?.Process.Id)
                {
                    FollowHandOver(edge, successor);
                    continue;
                }
                var noticed = _time.GetUtcNow();
                _quickDeaths = noticed - edge.StartedAt < Stable ? _quickDeaths + 1 : 1;
                LogDied(edge.Connection.Pid, death);
                await RestartAsync(edge.Connection.Pid, $"pid {edge.Connection.Pid} {death} at {noticed.ToLocalTime():HH:mm:ss.fff}", noticed, ct);
                edge.Process?.Dispose();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The controller stops; the edge keeps serving without it.
        }
    }

    private async Task RestartAsync(int deadPid, string death, DateTimeOffset noticed, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A live standby takes over by itself the moment the lock is free: there is nothing to hold back then.
            var wait = _quickDeaths <= 1 || _standby is { Process.HasExited: false } ? TimeSpan.Zero
                : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(_quickDeaths - 2, 16)));
            Publish(Report with
            {
                State = "restarting", Pid = deadPid,
                Note = wait == TimeSpan.Zero ? $"{death}; restarting it now"
                    : $"{death}; it failed {_quickDeaths} times in a row within {Stable.TotalSeconds:0}s of starting, next start at {(_time.GetUtcNow() + wait).ToLocalTime():HH:mm:ss}",
            });
            await Task.Delay(wait, _time, ct);
            try
            {
                var edge = await ReplaceAsync(ct);
                var took = (_time.GetUtcNow() - noticed).TotalMilliseconds;
                Volatile.Write(ref _edge, edge);
                Publish(new EdgeReport("serving", edge.Connection.Pid, Report.Restarts + 1, edge.StartedAt, Math.Round(took, 1),
                    $"restarted at {edge.StartedAt.ToLocalTime():HH:mm:ss.fff} (pid {edge.Connection.Pid}) after {death}, with its saved route table; serving again {took:0} ms after"));
                LogRestarted(edge.Connection.Pid, deadPid, took, attempt);
                // The next standby starts now, whether or not the edge keeps dying: each death costs one new process either
                // way (a standby, or a cold start after the backoff), and only a standby makes the next recovery quick.
                // An edge that cannot start again never gets here; standbys that end by themselves are KeepStandby's limit.
                _nextStandby = _time.GetUtcNow();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _quickDeaths++;
                death = $"pid {deadPid} died and the edge could not be started again ({e.Message})";
                LogRestartFailed(e, attempt);
            }
        }
    }

    /// <summary>Waits up to <paramref name="limit"/> for an edge that answers: the one that just failed, or its successor.</summary>
    internal async Task<bool> WaitServingAsync(EdgeConnection failed, TimeSpan limit, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + limit;
        while (_time.GetUtcNow() < deadline)
        {
            var current = Connection;
            if (Report.State == "serving" && (current != failed || await AnswersAsync(current, HealthTimeout, ct)))
                return true;
            await Task.Delay(Poll, _time, ct);
        }
        return false;
    }

    /// <summary>The words after "the edge is down": what happened and what the controller does about it.</summary>
    internal string DownReason(Exception cause) => Report is { State: "restarting" } report
        ? report.Note
        : $"pid {Connection.Pid} does not answer its admin API: {cause.Message}; the controller restarts it if it misses {HealthMisses} health checks in a row";

    private void Publish(EdgeReport report) => Volatile.Write(ref _report, report);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        StopStandby();
        Volatile.Read(ref _edge).Process?.Dispose();
        _stop.Dispose();
    }
}
