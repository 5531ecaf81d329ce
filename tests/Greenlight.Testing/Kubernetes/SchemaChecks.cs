using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Greenlight.Testing.Kubernetes;

/// <summary>
/// The checks the API server makes on the fields Greenlight sends, written out by hand from the specifications (no schema
/// is vendored): the Kubernetes API reference for v1 Secret and Service and apps/v1 Deployment (kubernetes.io/docs/reference/
/// kubernetes-api/), and the gateway.networking.k8s.io/v1 HTTPRoute CRD of Gateway API v1.x, standard channel
/// (gateway-api.sigs.k8s.io/reference/spec/). Required fields, the few value rules those documents state for them, and
/// the field names allowed where Greenlight writes (a misspelt field would be dropped or refused by a real server).
/// </summary>
internal static partial class SchemaChecks
{
    public static List<string> Problems(string plural, (string ApiVersion, string Kind) served, string ns, string name, JsonObject body)
    {
        var problems = new List<string>();
        void Require(bool ok, string problem)
        {
            if (!ok)
                problems.Add(problem);
        }
        Require((string?)body["apiVersion"] == served.ApiVersion, $"apiVersion: must be {served.ApiVersion}");
        Require((string?)body["kind"] == served.Kind, $"kind: must be {served.Kind}");
        Require((string?)body["metadata"]?["name"] == name, "metadata.name: must match the name in the URL");
        Require(body["metadata"]?["namespace"] is null || (string?)body["metadata"]!["namespace"] == ns, "metadata.namespace: does not match the namespace in the URL");
        Require(Label().IsMatch(name) && name.Length <= 253, "metadata.name: must be an RFC 1123 name");
        switch (plural)
        {
            case "deployments":
                Deployment(body, Require);
                break;
            case "services":
                Require(Label().IsMatch(name), "metadata.name: a Service name must be a DNS-1035 label");
                var ports = body["spec"]?["ports"]?.AsArray();
                Require(ports is { Count: > 0 }, "spec.ports: Required value");
                foreach (var port in ports ?? [])
                    Require((int?)port?["port"] is > 0 and < 65536, "spec.ports[].port: must be 1-65535");
                break;
            case "httproutes":
                HttpRoute(body, Require);
                break;
        }
        return problems;
    }

    private static void Deployment(JsonObject body, Action<bool, string> require)
    {
        var spec = body["spec"];
        var matchLabels = spec?["selector"]?["matchLabels"]?.AsObject();
        var templateLabels = spec?["template"]?["metadata"]?["labels"]?.AsObject();
        require(matchLabels is { Count: > 0 }, "spec.selector: Required value");
        require(matchLabels is null || templateLabels is not null && matchLabels.All(l => (string?)templateLabels[l.Key] == (string?)l.Value),
            "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`");
        var containers = spec?["template"]?["spec"]?["containers"]?.AsArray();
        require(containers is { Count: > 0 }, "spec.template.spec.containers: Required value");
        foreach (var c in containers ?? [])
        {
            require(c?["name"] is not null && c["image"] is not null, "spec.template.spec.containers[]: name and image are required");
            require(c?["readinessProbe"]?["httpGet"] is not { } get || get["port"] is not null, "readinessProbe.httpGet.port: Required value");
            foreach (var e in c?["envFrom"]?.AsArray() ?? [])
                require(e?["secretRef"]?["name"] is not null, "envFrom[].secretRef.name: Required value");
        }
        require((int?)spec?["replicas"] is null or >= 0, "spec.replicas: must be greater than or equal to 0");
    }

    private static readonly string[] RuleFields = ["name", "matches", "filters", "backendRefs", "timeouts", "sessionPersistence"];

    private static void HttpRoute(JsonObject body, Action<bool, string> require)
    {
        var spec = body["spec"]?.AsObject();
        require(spec is not null && spec.All(f => f.Key is "parentRefs" or "hostnames" or "rules"), "spec: unknown field");
        var parents = spec?["parentRefs"]?.AsArray();
        require(parents is { Count: > 0 and <= 32 }, "spec.parentRefs: 1 to 32 items");
        foreach (var p in parents ?? [])
            require(p?["name"] is not null, "spec.parentRefs[].name: Required value");
        foreach (var h in spec?["hostnames"]?.AsArray() ?? [])
            require(Hostname().IsMatch((string?)h ?? ""), $"spec.hostnames: {h} is not a hostname");
        var rules = spec?["rules"]?.AsArray() ?? [];
        require(rules.Count <= 16, "spec.rules: at most 16 items");
        foreach (var rule in rules)
        {
            require(rule!.AsObject().All(f => RuleFields.Contains(f.Key)), "spec.rules[]: unknown field");
            foreach (var m in rule["matches"]?.AsArray() ?? [])
                foreach (var h in m?["headers"]?.AsArray() ?? [])
                    require((string?)h?["type"] is null or "Exact" or "RegularExpression" && h?["name"] is not null && h["value"] is not null,
                        "spec.rules[].matches[].headers[]: name and value required, type Exact or RegularExpression");
            var backends = rule["backendRefs"]?.AsArray() ?? [];
            require(backends.Count <= 16, "spec.rules[].backendRefs: at most 16 items");
            foreach (var b in backends)
            {
                require(b?["name"] is not null, "spec.rules[].backendRefs[].name: Required value");
                // CEL rule of the CRD: "Must have port for Service reference".
                require((string?)b?["kind"] is not null and not "Service" || b?["port"] is not null, "spec.rules[].backendRefs[]: Must have port for Service reference");
                require((int?)b?["weight"] is null or (>= 0 and <= 1000000), "spec.rules[].backendRefs[].weight: 0 to 1000000");
            }
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex Label();

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z")]
    private static partial Regex Hostname();
}
