using Greenlight.Core.Traffic;
using Greenlight.Edge.Draining;
using Prometheus;

namespace Greenlight.Edge.Metrics;

/// <summary>
/// The labelled children of one (app, revision), resolved once so the hot path never looks labels up.
/// Outlives route tables: a revision keeps its counters across weight changes and while it drains.
/// </summary>
internal sealed class RevisionMetrics
{
    private static readonly string[] CodeClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    private readonly Counter.Child[] _requests;
    private readonly Counter.Child _serverErrors;
    private readonly Counter.Child _transportErrors;
    private readonly Gauge.Child _inFlight;
    private readonly Histogram.Child _duration;
    private readonly LatencyCounts _latency = new();

    public RevisionMetrics(EdgeMetrics metrics, string app, string revision)
    {
        Revision = revision;
        _requests = [.. CodeClasses.Select(code => metrics.Requests.WithLabels(app, revision, code))];
        _serverErrors = metrics.ServerErrors.WithLabels(app, revision);
        _transportErrors = metrics.TransportErrors.WithLabels(app, revision);
        _inFlight = metrics.InFlight.WithLabels(app, revision);
        _duration = metrics.Duration.WithLabels(app, revision);
        Drain = new RevisionDrain(app, revision, () => InFlight, metrics.DrainEnded.WithLabels(app, revision), metrics.Time, metrics.DrainLogger);
    }

    public string Revision { get; }

    public int InFlight => (int)_inFlight.Value;

    /// <summary>Ends the requests still open on the revision when it has been out of the route for its drain timeout.</summary>
    public RevisionDrain Drain { get; }

    public void Started() => _inFlight.Inc();

    /// <summary>Ends one request; <paramref name="elapsed"/> is null for an upgraded connection, kept out of the latency.</summary>
    public void Completed(int statusCode, ForwardOutcome outcome, TimeSpan? elapsed)
    {
        _inFlight.Dec();
        var codeClass = outcome switch
        {
            ForwardOutcome.Answered => Math.Clamp(statusCode / 100 - 1, 0, 4),
            ForwardOutcome.TransportError or ForwardOutcome.ServerFailed => 4,
            _ => 3, // the client went away or sent a broken body (nginx's 499): not the revision's doing
        };
        _requests[codeClass].Inc();
        if (outcome == ForwardOutcome.TransportError) _transportErrors.Inc();
        else if (outcome == ForwardOutcome.ServerFailed || (outcome == ForwardOutcome.Answered && statusCode >= 500)) _serverErrors.Inc();
        if (elapsed is not { TotalSeconds: var seconds }) return;
        _duration.Observe(seconds);
        _latency.Observe(seconds);
    }

    public RevisionTraffic Snapshot()
    {
        double requests = 0;
        foreach (var child in _requests) requests += child.Value;
        return new RevisionTraffic((long)requests, (long)_serverErrors.Value, (long)_transportErrors.Value, InFlight, _latency.Snapshot())
        {
            DrainEnded = Drain.Ended,
        };
    }

    /// <summary>Drops the series from the registry (the app is gone).</summary>
    public void Remove()
    {
        foreach (var child in _requests) child.Remove();
        _serverErrors.Remove();
        _transportErrors.Remove();
        _inFlight.Remove();
        _duration.Remove();
        Drain.Remove();
    }
}

/// <summary>Who ended a forwarded request: the revision's answer, a failure to reach it, or the client.</summary>
internal enum ForwardOutcome
{
    Answered,

    /// <summary>Answered, with a failure of the revision's own under a 2xx (a gRPC status that means the server failed):
    /// counted as a 5xx.</summary>
    ServerFailed,
    TransportError,
    ClientError,
}
