using System.Globalization;
using System.Text.RegularExpressions;
using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary><c>run.image</c>, <c>run.port</c> and <c>run.resources</c>: required by a container target, refused by the process target.</summary>
internal static partial class ContainerSection
{
    private static readonly string[] Keys = ["image", "port", "resources"];

    private static readonly Scalar<string> Image = Scalars
        .Matching(ImagePattern(), "an image reference such as registry.example.com/shop:${version}")
        .UsingOnly(["version"], "no placeholder other than ${version}");

    private static readonly Scalar<int> Port = Scalars.Int(1, 65535, "a port");

    private static readonly Scalar<string> Cpus = Scalars.String(
        text => decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) && cpus > 0 && cpus <= 1024,
        "a CPU count such as 0.5 or 2");

    // The quantity forms Kubernetes and podman both take for memory.
    private static readonly Scalar<string> Memory = Scalars.Matching(MemoryPattern(), "a memory size such as 256Mi or 1Gi (Ki, Mi, Gi, Ti)");

    public static ContainerSpec? Read(NodeReader r, string target)
    {
        if (target == RunSpec.ProcessTarget)
        {
            foreach (var key in Keys.Where(r.Has))
                r.Report(key, $"found {key} with run.target {target}", "run.target: kubernetes to run an image, or no image, port and resources: the process target runs run.command");
            return null;
        }
        var image = r.Required("image", Image);
        var port = r.Required("port", Port);
        var resources = r.Has("resources") ? r.Map("resources", ReadResources) : ResourceLimits.None;
        return image is null || port == 0 || resources is null ? null : new ContainerSpec(image, port, resources);
    }

    /// <summary>Takes the keys as known without reading them.</summary>
    public static ContainerSpec? Skip(NodeReader r)
    {
        foreach (var key in Keys)
            r.Has(key);
        return null;
    }

    private static ResourceLimits ReadResources(NodeReader r) => new(r.Optional("cpus", Cpus), r.Optional("memory", Memory));

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/:@${}-]*\z")]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"^[1-9][0-9]*(Ki|Mi|Gi|Ti)\z")]
    private static partial Regex MemoryPattern();
}
