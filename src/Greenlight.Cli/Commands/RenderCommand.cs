using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Providers.Kubernetes;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight render k8s</c>: the objects the kubernetes target and the Gateway API router would apply.</summary>
internal static class RenderCommand
{
    public const string DefaultVersion = "dev";

    public static Command Create()
    {
        var version = new Option<string>("--version") { Description = "The version to render (as `deploy VERSION` would start it)", DefaultValueFactory = _ => DefaultVersion };
        var k8s = new Command("k8s", "Print the Secret, Deployment, Service and HTTPRoute Greenlight would apply for a version, with all traffic on it, as YAML for kubectl")
        {
            version,
        };
        k8s.SetAction(result =>
        {
            var manifest = ManifestReport.Load(result);
            if (manifest.Run.Target != RunSpec.KubernetesTarget)
                throw new CliException(ExitCodes.Rejected,
                    $"{manifest.App}: run.target is {manifest.Run.Target}; render k8s needs run.target: kubernetes and a kubernetes section (see docs/manifest.md)");
            var v = result.GetValue(version)!;
            Console.Out.Write($"# greenlight render k8s: {manifest.App} {v}; secrets are resolved into the Secret only as a revision starts\n");
            Console.Out.Write(KubernetesProviders.Render(manifest, v));
            return ExitCodes.Ok;
        });
        return new Command("render", "Print what Greenlight would apply to real infrastructure") { k8s };
    }
}
