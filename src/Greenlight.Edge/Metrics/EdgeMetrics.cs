using Greenlight.Core.Analysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Greenlight.Edge.Metrics;

/// <summary>The metric families of one edge, on its own registry so several edges can share a process.</summary>
internal sealed class EdgeMetrics
{
    private static readonly string[] RevisionLabels = ["app", "revision"];

    /// <param name="time">The clock of the revisions' drain timeouts.</param>
    public EdgeMetrics(TimeProvider? time = null, ILogger? drainLogger = null)
    {
        Time = time ?? TimeProvider.System;
        DrainLogger = drainLogger ?? NullLogger.Instance;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        // Exemplars would read Activity.Current and allocate on every observation.
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();

        Requests = factory.CreateCounter("greenlight_edge_requests_total",
            "Requests forwarded to a revision by status class: transport errors count as 5xx, clients that went away as 4xx.",
            ["app", "revision", "code"]);
        ServerErrors = factory.CreateCounter("greenlight_edge_server_errors_total",
            "5xx responses answered by the revision itself.", RevisionLabels);
        TransportErrors = factory.CreateCounter("greenlight_edge_transport_errors_total",
            "Requests that failed to reach the revision or broke off mid-response (the client got 502/504).", RevisionLabels);
        InFlight = factory.CreateGauge("greenlight_edge_requests_in_flight",
            "Requests currently being forwarded to the revision.", RevisionLabels);
        Duration = factory.CreateHistogram("greenlight_edge_request_duration_seconds",
            "Time from picking the revision to the end of the response (a gRPC call: to its response headers); WebSockets are not observed.",
            RevisionLabels, new HistogramConfiguration { Buckets = LatencyBuckets.Finite });
        DrainEnded = factory.CreateCounter("greenlight_edge_drain_ended_total",
            "Requests and upgraded connections (WebSockets, streams) the edge ended because the revision's drain timed out.", RevisionLabels);
    }

    public TimeProvider Time { get; }

    public ILogger DrainLogger { get; }

    public Counter DrainEnded { get; }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Counter ServerErrors { get; }

    public Counter TransportErrors { get; }

    public Gauge InFlight { get; }

    public Histogram Duration { get; }

    public RevisionMetrics ForRevision(string app, string revision) => new(this, app, revision);
}
