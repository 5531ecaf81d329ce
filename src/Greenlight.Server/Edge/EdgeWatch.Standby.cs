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
