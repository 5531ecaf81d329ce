namespace Greenlight.Core.Manifest;

/// <summary>Where a <c>run.target: kubernetes</c> app lives in the cluster (the manifest's <c>kubernetes</c> section).</summary>
/// <param name="Namespace">The namespace of the revisions' Deployments and Services and of the app's HTTPRoute.</param>
/// <param name="Gateway">The Gateway the HTTPRoute attaches to (its <c>parentRefs</c>).</param>
/// <param name="Hostnames">The HTTPRoute's hostnames; empty for every hostname the Gateway's listeners accept.</param>
public sealed record KubernetesSpec(string Namespace, GatewayRef Gateway, IReadOnlyList<string> Hostnames);

/// <param name="Namespace">Null for the route's own namespace.</param>
public sealed record GatewayRef(string Name, string? Namespace);
