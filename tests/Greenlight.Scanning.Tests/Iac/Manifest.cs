namespace Greenlight.Scanning.Tests.Iac;

/// <summary>Builds small Kubernetes manifests around container snippets written at column 0.</summary>
internal static class Manifest
{
    public const string Digest = "sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1";

    /// <summary>A container that breaks no rule: pinned by digest, with both limits.</summary>
    public const string GoodContainer = $"""
        - name: web
          image: ghcr.io/acme/web@{Digest}
          resources:
            limits: {"{"}cpu: 500m, memory: 256Mi{"}"}
        """;

    /// <summary>Line of the first container's "- name" in <see cref="Deployment"/>.</summary>
    public const int FirstContainerLine = 12;

    public static string Deployment(string containers, string annotations = "") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          annotations:
        {Indent(annotations, 4)}
        spec:
          template:
            spec:
              containers:
        {Indent(containers, 8)}
        """;

    public static string Indent(string snippet, int spaces) =>
        string.Join('\n', snippet.Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line));
}
