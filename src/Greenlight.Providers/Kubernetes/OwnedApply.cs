using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greenlight.Providers.Kubernetes;

/// <summary>
/// Server-side apply (field manager "greenlight", forced over other managers' fields) of an object Greenlight owns. The
/// object is read first: one that exists without Greenlight's managed-by label is someone else's and is refused, never
/// overwritten. The apply carries the resourceVersion that was read, so that it lands only on the object as read; when
/// another writer (a controller that lost its lease and has not noticed yet, a person with kubectl) changed it meanwhile,
/// the API server answers 409 Conflict and the read and apply are done again, a bounded number of times.
/// </summary>
internal static class OwnedApply
{
    public const string FieldManager = "greenlight";
    public const int Attempts = 5;

    /// <param name="read">The object as it is now, null when there is none.</param>
    /// <param name="apply">Applies the desired object (its resourceVersion set as read).</param>
    public static async Task ApplyAsync<T>(
        string what, T desired, Func<CancellationToken, Task<T?>> read, Func<T, CancellationToken, Task> apply, TimeProvider time, CancellationToken ct)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await read(ct);
            if (current is not null && !KubernetesNames.IsOwned(current.Metadata.Labels))
                throw NotOurs(what);
            desired.Metadata.ResourceVersion = current?.Metadata.ResourceVersion;
            try
            {
                await apply(desired, ct);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), time, ct); // another writer just wrote it: let it finish
            }
            catch (HttpOperationException e)
            {
                throw new ClusterException($"applying {what} failed: {Describe(e)}" + (attempt > 1 ? $" (attempt {attempt} of {Attempts})" : ""));
            }
        }
    }

    public static ClusterException NotOurs(string what) =>
        new($"{what} exists without the label {KubernetesNames.ManagedBy}={KubernetesNames.Manager}: it is not Greenlight's, and Greenlight does not overwrite it");

    public static V1Patch Patch(object body) => new(body, V1Patch.PatchType.ApplyPatch);

    /// <summary>The object, or null when the API server answers 404.</summary>
    public static async Task<T?> OrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes; false when there was nothing to delete.</summary>
    public static async Task<bool> DeleteAsync(Func<Task> delete)
    {
        try
        {
            await delete();
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The status and the API server's own message (a metav1.Status), never the request.</summary>
    public static string Describe(HttpOperationException e)
    {
        var message = e.Response.Content;
        try
        {
            if (KubernetesJson.Deserialize<V1Status>(e.Response.Content) is { Message: { } m })
                message = m;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return $"{(int)e.Response.StatusCode} {e.Response.StatusCode}: {message}";
    }
}

/// <summary>What the cluster refused or could not do, in words for the user.</summary>
public sealed class ClusterException(string message) : Exception(message);
