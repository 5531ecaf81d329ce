using Greenlight.Core.Manifest;
using k8s.Models;

namespace Greenlight.Providers.Targets.Kubernetes;

/// <summary>Waits for a revision to serve: its Deployment rolled out with every replica available (which the readiness probe
/// on the health endpoint decides) and its Service's EndpointSlices listing as many ready endpoints (what the Gateway
/// routes to). Either alone is not enough: available pods may not be in the endpoints yet.</summary>
internal sealed class RevisionReadiness(RevisionApi objects, int replicas, TimeProvider time)
{
    /// <returns>Null once ready; else why not, as last seen, when <see cref="HealthSpec.Timeout"/> has passed.</returns>
    public async Task<string?> WaitAsync(HealthSpec health, CancellationToken ct)
    {
        var until = time.GetUtcNow() + health.Timeout;
        while (true)
        {
            var why = await LookAsync(ct);
            if (why is null)
                return null;
            if (time.GetUtcNow() >= until)
                return $"Deployment {objects.Namespace}/{objects.Name} not ready within {health.Timeout.TotalSeconds:0.###}s: {why}";
            await Task.Delay(health.Interval, time, ct);
        }
    }

    private async Task<string?> LookAsync(CancellationToken ct)
    {
        if (await objects.ReadDeploymentAsync(ct) is not { } deployment)
            return "the Deployment is gone";
        if (NotRolledOut(deployment) is { } why)
            return why;
        var ready = await objects.ReadyEndpointsAsync(ct);
        return ready >= replicas ? null : $"{ready} of {replicas} endpoints ready in the EndpointSlices of Service {objects.Namespace}/{objects.Name}";
    }

    private string? NotRolledOut(V1Deployment d)
    {
        var status = d.Status;
        if (status?.ObservedGeneration < d.Metadata.Generation || status?.ObservedGeneration is null)
            return "the Deployment controller has not seen its latest spec yet";
        var available = status.AvailableReplicas ?? 0;
        if (available >= replicas && (status.UpdatedReplicas ?? 0) >= replicas)
            return null;
        // The conditions say why (ProgressDeadlineExceeded, an image that cannot be pulled shows as ReplicaFailure, ...).
        var condition = status.Conditions?.FirstOrDefault(c => c.Status == "False" && c.Message is not null);
        return $"{available} of {replicas} replicas available" + (condition is null ? "" : $" ({condition.Type}: {condition.Message})");
    }
}
