using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;
using Greenlight.Providers.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Greenlight.Providers.Targets.Kubernetes;

/// <summary>
/// Runs each revision as a Deployment of <c>run.instances</c> replicas, a Service selecting its pods, and a Secret with its
/// environment, all server-side applied. Healthy when the Deployment has every replica available and the Service's
/// EndpointSlices list as many ready endpoints. Stop deletes the three (the pods get their terminationGracePeriodSeconds).
/// Everything is found again from names and labels derived from app and revision, so any controller reaching the cluster
/// adopts what another started. The engine starts a revision once per instance; here each of those starts applies the same
/// objects, which makes all but the first a no-op.
/// </summary>
/// <param name="namespaces">The namespace of each kubernetes app, by app name, from the manifests: a handle carries app and
/// revision only (what the records hold), so stopping or looking at a revision needs it.</param>
internal sealed partial class KubernetesTarget(
    IKubernetes client, IReadOnlyDictionary<string, string> namespaces, TimeProvider time, ILogger<KubernetesTarget> logger) : IDeploymentTarget
{
    public const string TargetName = RunSpec.KubernetesTarget;

    // IsRunning is synchronous; a cluster that does not answer in this long leaves the last answer standing.
    private static readonly TimeSpan LookTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, bool> _lastSeen = [];

    public string Name => TargetName;

    public async Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken)
    {
        var revision = KubernetesRevision.From(spec);
        var handle = new RevisionHandle(spec.App, spec.Version, 0, 0, revision.Container.Port, spec.LogFile, spec.LaunchId) { Instance = spec.Instance };
        var objects = new RevisionApi(client, revision.Cluster.Namespace, revision.Name, time);
        string? failure;
        try
        {
            await objects.RefuseForeignAsync(cancellationToken); // before anything is written: then nothing is to undo
        }
        catch (ClusterException e)
        {
            throw new RevisionStartException($"{spec.App} {spec.Version}: {e.Message}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            throw new RevisionStartException($"{spec.App} {spec.Version}: {Describe(e)}");
        }
        try
        {
            await objects.ApplyAsync(revision, cancellationToken);
            await launched(handle);
            LogApplied(logger, spec.App, spec.Version, revision.Cluster.Namespace, revision.Name);
            failure = await new RevisionReadiness(objects, revision.Run.Instances, time).WaitAsync(revision.Health, cancellationToken);
        }
        catch (ClusterException e)
        {
            failure = e.Message;
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            failure = Describe(e);
        }
        if (failure is null)
            return handle;
        throw new RevisionStartException($"{spec.App} {spec.Version}: {failure}; {await UndoAsync(objects)}");
    }

    /// <summary>Stopped, as a revision that failed to start must be; when even that fails, the user is told what is left.</summary>
    private static async Task<string> UndoAsync(RevisionApi objects)
    {
        try
        {
            await objects.DeleteAsync(CancellationToken.None);
            return "its Deployment, Service and Secret were deleted";
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            return $"deleting its Deployment, Service and Secret {objects.Namespace}/{objects.Name} failed too ({Describe(e)}): stop the revision again or delete them with kubectl";
        }
    }

    private static string Describe(Exception e) =>
        "the API server " + (e is k8s.Autorest.HttpOperationException h ? $"answered {OwnedApply.Describe(h)}" : $"could not be reached: {e.Message}");

    /// <summary>True while the revision's Deployment exists with its labels and is not being deleted.</summary>
    public bool IsRunning(RevisionHandle handle)
    {
        if (Locate(handle) is not { } objects)
            return false;
        var key = $"{objects.Namespace}/{objects.Name}";
        using var timeout = new CancellationTokenSource(LookTimeout, time);
        try
        {
            var deployment = objects.ReadDeploymentAsync(timeout.Token).GetAwaiter().GetResult();
            var running = deployment is { Metadata.DeletionTimestamp: null } && IsOf(deployment, handle);
            lock (_lastSeen)
                _lastSeen[key] = running;
            return running;
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            LogLookFailed(logger, key, e.Message);
            lock (_lastSeen)
                return _lastSeen.GetValueOrDefault(key, true);
        }
    }

    public async Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (Locate(handle) is not { } objects)
            return;
        await objects.DeleteAsync(cancellationToken);
        // The pods have terminationGracePeriodSeconds to finish; foreground deletion keeps the Deployment until they have.
        if (!await objects.WaitGoneAsync(grace + TimeSpan.FromSeconds(10), cancellationToken))
            LogStillTerminating(logger, objects.Namespace, objects.Name);
    }

    private static bool IsOf(V1Deployment deployment, RevisionHandle handle)
    {
        var expected = KubernetesNames.Selector(handle.App, handle.Version);
        return deployment.Metadata.Labels is { } labels && expected.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
    }

    /// <summary>Null for an app that is not a kubernetes app of the manifests this target was given.</summary>
    private RevisionApi? Locate(RevisionHandle handle) =>
        namespaces.TryGetValue(handle.App, out var ns) ? new RevisionApi(client, ns, KubernetesNames.Revision(handle.App, handle.Version), time) : null;
}
