using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

/// <summary><c>run.image</c>, <c>run.port</c> and <c>run.resources</c>: image and port required by a container target
/// (podman, docker, kubernetes), all three refused by the process target.</summary>
internal static class ContainerSection
{
    private static readonly string[] Keys = ["image", "port", "resources"];

    private static readonly Scalar<string> Image = Scalars.String(text => text.Length > 0 && !text.Any(char.IsWhiteSpace), "an image such as registry/app:${version}")
        .UsingOnly(["version"], "no placeholder other than ${version}");

    private static readonly Scalar<int> Port = Scalars.Int(1, 65535, "a port");

    public static ContainerSpec? Read(NodeReader r, string target)
    {
        if (!RunSpec.ContainerTargets.Contains(target))
        {
            foreach (var key in Keys.Where(r.Has))
                r.Report(key, $"only for a container target (run.target: {string.Join(", ", RunSpec.ContainerTargets)})",
                    "no " + key + " for target process, which runs run.command on a port of its own ($PORT)");
            return null;
        }
        var image = r.Required("image", Image);
        var port = r.Optional("port", Port, 0);
        if (!r.Has("port"))
            r.Report("port", "missing required key", $"the port the app listens on inside its container (target {target})");
        var resources = r.Has("resources") ? r.Map("resources", ResourcesSection.Read) : ResourceLimits.None;
        // The image's own working directory is the container's; ours would be a path on the controller's machine.
        if (r.Has("workingDirectory"))
            r.Report("workingDirectory", $"not used by target {target}", "the image's own working directory");
        return image is null || port == 0 || resources is null ? null : new ContainerSpec(image, port, resources);
    }

    /// <summary>Judges the values that are there, requiring none: the target was refused, so what it needs is not known.</summary>
    public static ContainerSpec? Check(NodeReader r)
    {
        r.Optional("image", Image);
        r.Optional("port", Port, 0);
        if (r.Has("resources"))
            r.Map("resources", ResourcesSection.Read);
        return null;
    }
}
