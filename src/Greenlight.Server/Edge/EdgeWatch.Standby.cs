using Greenlight.Edge;
using Greenlight.Engine.Control;

namespace Greenlight.Server.Edge;

/// <summary>The warm standby: a second edge process, started ahead of need, that takes over the moment the edge dies.</summary>
public sealed partial class EdgeWatch
{
    /// <summary>The standby takes over if there is one; otherwise a new edge starts.</summary>
    private async Task<RunningEdge> ReplaceAsync(CancellationToken ct)
    {
        if (_standby is { } standby)
        {
            _standby = null;
            if (!standby.Process.HasExited)
                return await _launcher.AwaitServingAsync(standby.Process, standby.LogMark, ct);
            standby.Process.Dispose();
        }
        return (await _launcher.EnsureRunningAsync(ct)).Edge;
    }

    /// <summary>Starts a standby when there is none, at most once per <see cref="Stable"/> if standbys keep ending.</summary>
    private void KeepStandby()
    {
        if (_standby is { Process.HasExited: false } || _time.GetUtcNow() < _nextStandby)
            return;
        _standby?.Process.Dispose();
        _nextStandby = _time.GetUtcNow() + Stable;
        try
        {
            _standby = _launcher.StartStandby();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            _standby = null;
            LogStandbyFailed(e);
        }
    }

    /// <summary>A planned restart or upgrade (<c>greenlight edge restart</c>): the old edge handed its sockets to a new one
    /// and exited, which is no death. A standby of the build now serving stays: the lock it waits for passed to the new edge
    /// with the sockets, and a standby started now would not be warm for a crash in the next seconds. One of another build
    /// is replaced, so that a crash later restarts the build now serving.</summary>
    private void FollowHandOver(RunningEdge old, RunningEdge successor)
    {
        Volatile.Write(ref _edge, successor);
        if (successor.Connection.Build != EdgeServer.Build)
        {
            StopStandby();
            _standby = null;
            _nextStandby = _time.GetUtcNow();
        }
        Publish(new EdgeReport("serving", successor.Connection.Pid, Report.Restarts + 1, successor.StartedAt, null,
            $"restarted without downtime at {successor.StartedAt.ToLocalTime():HH:mm:ss.fff}: pid {old.Connection.Pid} handed its listeners over to pid {successor.Connection.Pid} and drained (planned, not a crash)"));
        LogHandedOver(successor.Connection.Pid, old.Connection.Pid);
        old.Process?.Dispose();
    }

    /// <summary>It would end with this process anyway; the edge it stands in for keeps serving.</summary>
    private void StopStandby()
    {
        if (_standby is not { } standby)
            return;
        if (!standby.Process.HasExited)
            standby.Process.Kill();
        standby.Process.Dispose();
    }
}
