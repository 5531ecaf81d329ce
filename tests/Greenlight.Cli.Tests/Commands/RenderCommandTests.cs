using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary><c>greenlight render k8s</c>: its output is what docs/cli.md shows, and a user can kubectl apply.</summary>
public sealed class RenderCommandTests
{
    private const string Manifest = """
            app: shop
            run:
              target: kubernetes
              image: registry.example.com/shop:${version}
              port: 8080
              instances: 3
              env: { SHOP_MODE: live }
              resources: { cpus: "0.5", memory: 256Mi }
            health: { path: /health }
            kubernetes:
              namespace: shop
              gateway: { name: public, namespace: infra }
              hostnames: [shop.example.com]
            strategy:
              canary:
                steps: [{ setWeight: 10 }, { pause: { duration: 1m } }, { setWeight: 50 }]
            """;

    private const string Expected = """
            # greenlight render k8s: shop 2.4.1; secrets are resolved into the Secret only as a revision starts
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              annotations:
                greenlight.dev/revision: 2.4.1
              labels:
                app: shop
                version: 2.4.1
                release: 2.4.1
                app.kubernetes.io/managed-by: greenlight
              name: shop-2-4-1-4e103f
              namespace: shop
            stringData:
              SHOP_MODE: live
              GREENLIGHT_APP: shop
              GREENLIGHT_REVISION: 2.4.1
              PORT: "8080"
            type: Opaque
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              annotations:
                greenlight.dev/revision: 2.4.1
              labels:
                app: shop
                version: 2.4.1
                release: 2.4.1
                app.kubernetes.io/managed-by: greenlight
              name: shop-2-4-1-4e103f
              namespace: shop
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: shop
                  release: 2.4.1
                  app.kubernetes.io/managed-by: greenlight
              template:
                metadata:
                  annotations:
                    greenlight.dev/revision: 2.4.1
                  labels:
                    app: shop
                    version: 2.4.1
                    release: 2.4.1
                    app.kubernetes.io/managed-by: greenlight
                spec:
                  containers:
                  - envFrom:
                    - secretRef:
                        name: shop-2-4-1-4e103f
                    image: registry.example.com/shop:2.4.1
                    name: shop
                    ports:
                    - containerPort: 8080
                      name: http
                      protocol: TCP
                    readinessProbe:
                      httpGet:
                        path: /health
                        port: 8080
                      periodSeconds: 1
                    resources:
                      limits:
                        cpu: 500m
                        memory: 256Mi
                      requests:
                        cpu: 500m
                        memory: 256Mi
                  terminationGracePeriodSeconds: 10
            ---
            apiVersion: v1
            kind: Service
            metadata:
              annotations:
                greenlight.dev/revision: 2.4.1
              labels:
                app: shop
                version: 2.4.1
                release: 2.4.1
                app.kubernetes.io/managed-by: greenlight
              name: shop-2-4-1-4e103f
              namespace: shop
            spec:
              ports:
              - name: http
                port: 8080
                protocol: TCP
                targetPort: 8080
              selector:
                app: shop
                release: 2.4.1
                app.kubernetes.io/managed-by: greenlight
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              annotations:
                greenlight.dev/route: '{"App":"shop","Listen":"shop.example.com:80","Backends":[{"Revision":"2.4.1","Address":"http://shop-2-4-1-4e103f.shop.svc:8080/","Weight":100}],"Sticky":null,"Matches":null}'
              labels:
                app: shop
                app.kubernetes.io/managed-by: greenlight
              name: shop
              namespace: shop
            spec:
              parentRefs:
              - name: public
                namespace: infra
              hostnames:
              - shop.example.com
              rules:
              - backendRefs:
                - name: shop-2-4-1-4e103f
                  port: 8080
                  weight: 100
            """;

    [Fact]
    public async Task RenderK8s_KubernetesApp_PrintsSecretDeploymentServiceAndHttpRoute()
    {
        using var ws = new CliWorkspace();
        await File.WriteAllTextAsync(ws.ManifestPath, Manifest);

        var result = await ws.RunAsync("render", "k8s", "--version", "2.4.1");

        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        Assert.Equal(Expected + "\n", result.Stdout);
    }

    [Fact]
    public async Task RenderK8s_ProcessApp_IsRefusedSayingWhatIsNeeded()
    {
        using var ws = new CliWorkspace();

        var result = await ws.RunAsync("render", "k8s");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("shop: run.target is process; render k8s needs run.target: kubernetes and a kubernetes section", result.Stderr);
    }

    [Fact]
    public async Task Up_KubernetesApp_IsRefusedPointingAtRenderK8s()
    {
        using var ws = new CliWorkspace();
        await File.WriteAllTextAsync(ws.ManifestPath, Manifest);

        var result = await ws.RunAsync("up");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("shop: run.target is kubernetes, and `greenlight up` does not drive kubernetes apps yet; `greenlight render k8s` prints the manifests", result.Stderr);
        Assert.False(File.Exists(Path.Combine(ws.Directory, ".greenlight", "token")));
    }
}
