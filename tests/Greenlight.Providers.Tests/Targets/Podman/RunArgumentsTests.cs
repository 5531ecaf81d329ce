using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;
using Greenlight.Providers.Targets.Podman;

namespace Greenlight.Providers.Tests.Targets.Podman;

public sealed class RunArgumentsTests
{
    private static readonly RevisionSpec Spec = new(
        "shop", "2.0@abc", "", ["--tag", "2.0"], "/", new Dictionary<string, string> { ["API_KEY"] = "hunter2" },
        "/health", TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50), "/state/logs/shop-2.0.log", "0123456789abcdef")
    {
        Run = ContainerScope.Container(new ContainerSpec("registry.example/shop:2.0", 8080, new ResourceLimits(1.5m, 256L << 20))), Instance = 1,
        Files = ["/state/secret-files/shop/2.0#1/DB_PASSWORD"],
    };

    [Fact]
    public void For_Revision_LabelsPublishesOnLoopbackLimitsAndLogs_AndCarriesNoEnvironmentValue()
    {
        var args = RunArguments.For(new ContainerCli("podman"), Spec, 41000, "/state/logs/.env/x.env", Spec.LogFile);
        var text = string.Join(' ', args);

        Assert.StartsWith("run --detach --name gl-shop-2.0_abc-1-01234567 --label greenlight.app=shop --label greenlight.version=2.0@abc "
            + "--label greenlight.instance=1 --label greenlight.launch=0123456789abcdef --env-file /state/logs/.env/x.env "
            + "--publish 127.0.0.1:41000:8080 --cpus 1.5 --memory 268435456 "
            + "--volume /state/secret-files/shop/2.0#1/DB_PASSWORD:/state/secret-files/shop/2.0#1/DB_PASSWORD:ro --log-driver k8s-file --log-opt path=/state/logs/shop-2.0.log", text);
        // The image's own command, its CMD replaced by the args.
        Assert.EndsWith("registry.example/shop:2.0 --tag 2.0", text);
        Assert.DoesNotContain("hunter2", text);
    }

    [Fact]
    public void For_Command_RunsItInTheImage_AndDockerKeepsTheLogItself()
    {
        var args = RunArguments.For(new ContainerCli("docker"), Spec with { Command = "/bin/shop", Run = ContainerScope.Container(Spec.Run!.Container! with { Resources = ResourceLimits.None }) }, 41000, "e.env", Spec.LogFile);

        Assert.Equal(["registry.example/shop:2.0", "/bin/shop", "--tag", "2.0"], args.TakeLast(4));
        Assert.DoesNotContain("--log-driver", args);
        Assert.DoesNotContain("--memory", args);
    }
}
