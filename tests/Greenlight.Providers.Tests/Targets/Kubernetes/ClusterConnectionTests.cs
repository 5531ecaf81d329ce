using Greenlight.Providers.Kubernetes;

namespace Greenlight.Providers.Tests.Targets.Kubernetes;

/// <summary>The cluster is the one the kubeconfig named by KUBECONFIG points at, as for kubectl. (No other test reads KUBECONFIG.)</summary>
public sealed class ClusterConnectionTests
{
    [Fact]
    public async Task FromEnvironment_KubeconfigNamedByKUBECONFIG_IsTheClusterTalkedTo()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("greenlight-kube-").FullName, "config");
        await File.WriteAllTextAsync(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters: [{ name: fake, cluster: { server: "{{cluster.Api.Address}}" } }]
            users: [{ name: greenlight, user: { token: not-a-real-token } }]
            contexts: [{ name: fake, context: { cluster: fake, user: greenlight, namespace: shop } }]
            current-context: fake
            """);
        var before = Environment.GetEnvironmentVariable("KUBECONFIG");
        Environment.SetEnvironmentVariable("KUBECONFIG", kubeconfig);
        try
        {
            using var client = ClusterConnection.FromEnvironment();
            var target = KubernetesProviders.Target(client, [cluster.Manifest], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

            await target.StartAsync(cluster.Spec("2.4.1"), _ => Task.CompletedTask, CancellationToken.None);

            Assert.NotNull(cluster.Api.Get("deployments", "shop", KubernetesNames.Revision("shop", "2.4.1")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", before);
            File.Delete(kubeconfig);
        }
    }
}
