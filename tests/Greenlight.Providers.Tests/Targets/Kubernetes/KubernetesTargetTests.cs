using Greenlight.Core.Targets;

namespace Greenlight.Providers.Tests.Targets.Kubernetes;

/// <summary>The kubernetes target against <see cref="Testing.Kubernetes.FakeKubernetesApi"/>, a fake of the API server.</summary>
public sealed class KubernetesTargetTests
{
    [Fact]
    public async Task Start_AppliesSecretDeploymentAndServiceWithLabels_AndReturnsOnceAvailableWithReadyEndpoints()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        RevisionHandle? recorded = null;

        var handle = await cluster.Target().StartAsync(cluster.Spec("2.4.1"), h => Task.FromResult(recorded = h), CancellationToken.None);

        Assert.Equal(handle, recorded);
        var deployment = cluster.Api.Get("deployments", "shop", DeploymentName(cluster))!;
        var labels = deployment["metadata"]!["labels"]!;
        Assert.Equal(("shop", "2.4.1", "2.4.1", "greenlight"),
            ((string?)labels["app"], (string?)labels["version"], (string?)labels["release"], (string?)labels["app.kubernetes.io/managed-by"]));
        Assert.Equal(2, (int?)deployment["spec"]!["replicas"]);
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("registry.example.com/shop:2.4.1", (string?)container["image"]);
        Assert.Equal("/health", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(20, (int?)deployment["spec"]!["template"]!["spec"]!["terminationGracePeriodSeconds"]);
        Assert.Equal("500m", (string?)container["resources"]!["limits"]!["cpu"]);
        var secret = cluster.Api.Get("secrets", "shop", DeploymentName(cluster))!;
        Assert.Equal(("live", "8080"), ((string?)secret["stringData"]!["SHOP_MODE"], (string?)secret["stringData"]!["PORT"]));
        Assert.Null(container["env"]); // values stay in the Secret
        Assert.NotNull(cluster.Api.Get("services", "shop", DeploymentName(cluster)));
        // Every write was a server-side apply by the field manager greenlight.
        var writes = cluster.Api.Requests.Where(r => r.StartsWith("PATCH", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, writes.Count);
        Assert.All(writes, w => Assert.Contains("fieldManager=greenlight&force=true", w, StringComparison.Ordinal));
        Assert.All(writes, w => Assert.Contains(" application/apply-patch+yaml", w, StringComparison.Ordinal));
        Assert.Contains(cluster.Api.Requests, r => r.Contains("endpointslices?labelSelector=kubernetes.io", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_RevisionThatNeverBecomesReady_FailsSayingWhy_AndDeletesWhatItApplied()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var target = cluster.Target();
        await target.StartAsync(cluster.Spec("2.4.1"), _ => Task.CompletedTask, CancellationToken.None);
        cluster.Api.NeverReady[DeploymentName(cluster)] = true;
        await target.StopAsync(Handle("2.4.1"), TimeSpan.FromSeconds(1), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<RevisionStartException>(() => target.StartAsync(cluster.Spec("2.4.1"), _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(
            $"shop 2.4.1: Deployment shop/{DeploymentName(cluster)} not ready within 1s: 0 of 2 replicas available (Available: Deployment does not have minimum availability.); its Deployment, Service and Secret were deleted",
            failure.Message);
        Assert.Null(cluster.Api.Get("deployments", "shop", DeploymentName(cluster)));
        Assert.Null(cluster.Api.Get("services", "shop", DeploymentName(cluster)));
    }

    [Fact]
    public async Task IsRunning_NewTargetInstance_AdoptsTheRevisionByItsNameAndLabels()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        await cluster.Target().StartAsync(cluster.Spec("2.4.1"), _ => Task.CompletedTask, CancellationToken.None);

        var restarted = cluster.Target(); // a controller restarted, or on another host: it knows app and version only
        Assert.True(restarted.IsRunning(Handle("2.4.1")));
        Assert.False(restarted.IsRunning(Handle("2.4.2")));

        await restarted.StopAsync(Handle("2.4.1"), TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.False(restarted.IsRunning(Handle("2.4.1")));
        Assert.Contains($"deployments/shop/{DeploymentName(cluster)} Foreground", cluster.Api.Deletes);
    }

    [Fact]
    public async Task IsRunning_DeploymentOfTheSameNameWithoutItsLabels_IsNotTheRevision()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        await cluster.Target().StartAsync(cluster.Spec("2.4.1"), _ => Task.CompletedTask, CancellationToken.None);
        var deployment = cluster.Api.Get("deployments", "shop", DeploymentName(cluster))!;
        deployment["metadata"]!["labels"]!.AsObject().Remove("release");
        cluster.Api.Put("deployments", "shop", deployment);

        Assert.False(cluster.Target().IsRunning(Handle("2.4.1")));
    }

    [Fact]
    public async Task Start_ResourceVersionConflict_IsReadAgainAndRetried()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var target = cluster.Target();
        await target.StartAsync(cluster.Spec("2.4.1"), _ => Task.CompletedTask, CancellationToken.None);
        cluster.Api.ChangeBeforeNextWrite("deployments", "shop", DeploymentName(cluster));

        await target.StartAsync(cluster.Spec("2.4.1"), _ => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(1, cluster.Api.Conflicts);
        var deploymentWrites = cluster.Api.Requests.Count(r => r.StartsWith("PATCH /apis/apps/v1/namespaces/shop/deployments/", StringComparison.Ordinal));
        Assert.Equal(3, deploymentWrites); // first start, the conflicting write, its retry
    }

    [Fact]
    public async Task Start_DeploymentOfThatNameNotManagedByGreenlight_IsRefusedAndLeftAlone()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var name = DeploymentName(cluster);
        cluster.Api.Put("deployments", "shop", new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name, ["labels"] = new System.Text.Json.Nodes.JsonObject { ["app"] = "shop" } },
            ["spec"] = new System.Text.Json.Nodes.JsonObject { ["replicas"] = 1 },
        });

        var failure = await Assert.ThrowsAsync<RevisionStartException>(() => cluster.Target().StartAsync(cluster.Spec("2.4.1"), _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal($"shop 2.4.1: Deployment shop/{name} exists without the label app.kubernetes.io/managed-by=greenlight: it is not Greenlight's, and Greenlight does not overwrite it", failure.Message);
        Assert.Equal(1, (int?)cluster.Api.Get("deployments", "shop", name)!["spec"]!["replicas"]);
        Assert.Null(cluster.Api.Get("secrets", "shop", name)); // nothing applied: no half a revision
    }

    [Fact]
    public async Task Start_ApiServerUnreachable_FailsSayingSo()
    {
        await using var cluster = await KubernetesCluster.StartAsync();
        var spec = cluster.Spec("2.4.1");
        await cluster.Api.DisposeAsync(); // nothing listens there any more

        var failure = await Assert.ThrowsAsync<RevisionStartException>(() => cluster.Target().StartAsync(spec, _ => Task.CompletedTask, CancellationToken.None));

        Assert.StartsWith("shop 2.4.1: the API server could not be reached: ", failure.Message);
    }

    private static RevisionHandle Handle(string version) => new("shop", version, 0, 0, 8080, "/dev/null");

    // "shop-2-4-1-" and a hash of "2.4.1": the dots do not fit a Service name. Checked in KubernetesNamesTests.
    private static string DeploymentName(KubernetesCluster cluster) => Providers.Kubernetes.KubernetesNames.Revision("shop", "2.4.1");
}
