using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;
using Greenlight.Providers.Kubernetes;
using Greenlight.Testing.Kubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greenlight.Providers.Tests.Targets.Kubernetes;

/// <summary>A <see cref="FakeKubernetesApi"/>, the real KubernetesClient pointed at it, and a kubernetes app's manifest.</summary>
internal sealed class KubernetesCluster : IAsyncDisposable
{
    public const string Yaml = """
        app: shop
        run:
          target: kubernetes
          image: registry.example.com/shop:${version}
          port: 8080
          instances: 2
          stopTimeout: 20s
          env: { SHOP_MODE: live }
          resources: { cpus: "0.5", memory: 256Mi }
        health: { path: /health, timeout: 1s, interval: 50ms }
        kubernetes:
          namespace: shop
          gateway: { name: public, namespace: infra }
          hostnames: [shop.example.com]
        strategy:
          canary:
            steps: [{ setWeight: 10 }, { setWeight: 50 }]
            headerRoute: { header: X-Canary, value: always }
        """;

    private KubernetesCluster(FakeKubernetesApi api, AppManifest manifest)
    {
        Api = api;
        Manifest = manifest;
        Client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = api.Address.ToString() });
    }

    public FakeKubernetesApi Api { get; }

    public AppManifest Manifest { get; }

    public IKubernetes Client { get; }

    public static async Task<KubernetesCluster> StartAsync(string yaml = Yaml) =>
        new(await FakeKubernetesApi.StartAsync(), ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow());

    /// <summary>A new target, as a controller that just started (or runs on another host) would make.</summary>
    public IDeploymentTarget Target() => KubernetesProviders.Target(Client, [Manifest], TimeProvider.System, NullLoggerFactory.Instance);

    /// <summary>The spec the engine would give the target for <paramref name="version"/>.</summary>
    public RevisionSpec Spec(string version) => new(
        "shop", version, Manifest.Run.Command, Manifest.Run.Args, "/", new Dictionary<string, string>(Manifest.Run.Environment) { ["GREENLIGHT_APP"] = "shop" },
        Manifest.Health.Path, Manifest.Health.Timeout, Manifest.Health.Interval, "/dev/null", Guid.NewGuid().ToString("N"))
    {
        Run = Manifest.Run.ForVersion(version), Kubernetes = Manifest.Kubernetes,
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
