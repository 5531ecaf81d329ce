using System.Text.Json.Nodes;

namespace Greenlight.Testing.Kubernetes;

// What the cluster's controllers would do: the Deployment controller's status, the EndpointSlice controller's slices.
public sealed partial class FakeKubernetesApi
{
    private JsonObject WithStatus(ObjectKey key, JsonObject stored)
    {
        var copy = (JsonObject)stored.DeepClone();
        if (key.Plural != "deployments")
            return copy;
        var replicas = (int?)copy["spec"]?["replicas"] ?? 1;
        var ready = !NeverReady.ContainsKey(key.Name);
        copy["status"] = new JsonObject
        {
            ["observedGeneration"] = (long?)copy["metadata"]?["generation"] ?? 1,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = ready ? replicas : 0,
            ["availableReplicas"] = ready ? replicas : 0,
            ["unavailableReplicas"] = ready ? 0 : replicas,
            ["conditions"] = new JsonArray(ready
                ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
                : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.")),
        };
        return copy;
    }

    /// <summary>One slice per Service named by <c>kubernetes.io/service-name=NAME</c>, with an endpoint per pod of the
    /// Deployments its selector matches, ready as those pods are.</summary>
    private JsonObject EndpointSlices(string ns, string labelSelector)
    {
        var items = new JsonArray();
        const string prefix = "kubernetes.io/service-name=";
        var serviceName = labelSelector.StartsWith(prefix, StringComparison.Ordinal) ? labelSelector[prefix.Length..] : null;
        if (serviceName is not null && _objects.TryGetValue(new ObjectKey("services", ns, serviceName), out var service))
        {
            var selector = service["spec"]?["selector"]?.AsObject() ?? [];
            var endpoints = new JsonArray();
            foreach (var (key, deployment) in _objects.Where(o => o.Key.Plural == "deployments" && o.Key.Namespace == ns))
            {
                var labels = deployment["spec"]?["template"]?["metadata"]?["labels"]?.AsObject();
                if (labels is null || selector.Count == 0 || selector.Any(s => (string?)labels[s.Key] != (string?)s.Value))
                    continue;
                var ready = !NeverReady.ContainsKey(key.Name);
                for (var i = 0; i < ((int?)deployment["spec"]?["replicas"] ?? 1); i++)
                    endpoints.Add(new JsonObject
                    {
                        ["addresses"] = new JsonArray($"10.1.{endpoints.Count / 250}.{endpoints.Count % 250 + 2}"),
                        ["conditions"] = new JsonObject { ["ready"] = ready, ["serving"] = ready, ["terminating"] = false },
                    });
            }
            items.Add(new JsonObject
            {
                ["apiVersion"] = "discovery.k8s.io/v1", ["kind"] = "EndpointSlice", ["addressType"] = "IPv4",
                ["metadata"] = new JsonObject { ["name"] = serviceName + "-abc12", ["namespace"] = ns, ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = serviceName } },
                ["endpoints"] = endpoints,
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = service["spec"]?["ports"]?[0]?["port"]?.DeepClone(), ["protocol"] = "TCP" }),
            });
        }
        return new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1", ["kind"] = "EndpointSliceList",
            ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string message) => new()
    {
        ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = message,
    };
}
