using Greenlight.Providers.Kubernetes;
using k8s;
using k8s.Models;

namespace Greenlight.Providers.Targets.Kubernetes;

/// <summary>The API calls on one revision's Secret, Deployment and Service (all named <paramref name="name"/>).</summary>
internal sealed class RevisionApi(IKubernetes client, string ns, string name, TimeProvider time)
{
    public string Namespace => ns;

    public string Name => name;

    /// <summary>Refuses, before anything is written, a Deployment or Service of that name that is someone else's.</summary>
    public async Task RefuseForeignAsync(CancellationToken ct)
    {
        if (await ReadDeploymentAsync(ct) is { } d && !KubernetesNames.IsOwned(d.Metadata.Labels))
            throw OwnedApply.NotOurs($"Deployment {ns}/{name}");
        if (await ReadServiceAsync(ct) is { } s && !KubernetesNames.IsOwned(s.Metadata.Labels))
            throw OwnedApply.NotOurs($"Service {ns}/{name}");
    }

    /// <summary>The Secret first: the pods read their environment from it as they start.</summary>
    public async Task ApplyAsync(KubernetesRevision revision, CancellationToken ct)
    {
        await OwnedApply.ApplyAsync($"Secret {ns}/{name}", RevisionObjects.Secret(revision),
            ReadSecretAsync,
            (s, c) => client.CoreV1.PatchNamespacedSecretAsync(OwnedApply.Patch(s), name, ns, fieldManager: OwnedApply.FieldManager, force: true, cancellationToken: c),
            time, ct);
        await OwnedApply.ApplyAsync($"Deployment {ns}/{name}", RevisionObjects.Deployment(revision),
            ReadDeploymentAsync,
            (d, c) => client.AppsV1.PatchNamespacedDeploymentAsync(OwnedApply.Patch(d), name, ns, fieldManager: OwnedApply.FieldManager, force: true, cancellationToken: c),
            time, ct);
        await OwnedApply.ApplyAsync($"Service {ns}/{name}", RevisionObjects.Service(revision),
            ReadServiceAsync,
            (s, c) => client.CoreV1.PatchNamespacedServiceAsync(OwnedApply.Patch(s), name, ns, fieldManager: OwnedApply.FieldManager, force: true, cancellationToken: c),
            time, ct);
    }

    private Task<V1Service?> ReadServiceAsync(CancellationToken ct) =>
        OwnedApply.OrNullAsync(() => client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct));

    private Task<V1Secret?> ReadSecretAsync(CancellationToken ct) =>
        OwnedApply.OrNullAsync(() => client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct));

    public Task<V1Deployment?> ReadDeploymentAsync(CancellationToken ct) =>
        OwnedApply.OrNullAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct));

    /// <summary>How many endpoints of the Service are ready, over all its EndpointSlices.</summary>
    public async Task<int> ReadyEndpointsAsync(CancellationToken ct)
    {
        var slices = await client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, labelSelector: $"kubernetes.io/service-name={name}", cancellationToken: ct);
        // discovery.k8s.io/v1: a nil "ready" condition means unknown, which consumers take as ready.
        return slices.Items.SelectMany(s => s.Endpoints ?? []).Count(e => e.Conditions?.Ready != false);
    }

    /// <summary>Deletes the Deployment (foreground: it stays until its pods are gone), the Service and the Secret, each only
    /// when it is Greenlight's (and still the very object read: its uid is a precondition); what is not there is already deleted.</summary>
    public async Task DeleteAsync(CancellationToken ct)
    {
        if (await ReadDeploymentAsync(ct) is { } d && KubernetesNames.IsOwned(d.Metadata.Labels))
            await OwnedApply.DeleteAsync(() => client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, Options(d.Metadata, "Foreground"), cancellationToken: ct));
        if (await ReadServiceAsync(ct) is { } s && KubernetesNames.IsOwned(s.Metadata.Labels))
            await OwnedApply.DeleteAsync(() => client.CoreV1.DeleteNamespacedServiceAsync(name, ns, Options(s.Metadata, null), cancellationToken: ct));
        if (await ReadSecretAsync(ct) is { } secret && KubernetesNames.IsOwned(secret.Metadata.Labels))
            await OwnedApply.DeleteAsync(() => client.CoreV1.DeleteNamespacedSecretAsync(name, ns, Options(secret.Metadata, null), cancellationToken: ct));
    }

    private static V1DeleteOptions Options(V1ObjectMeta meta, string? propagation) =>
        new() { PropagationPolicy = propagation, Preconditions = new V1Preconditions { Uid = meta.Uid } };

    /// <summary>False when the Deployment is still there after <paramref name="limit"/>.</summary>
    public async Task<bool> WaitGoneAsync(TimeSpan limit, CancellationToken ct)
    {
        var until = time.GetUtcNow() + limit;
        while (await ReadDeploymentAsync(ct) is not null)
        {
            if (time.GetUtcNow() >= until)
                return false;
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
        }
        return true;
    }
}
