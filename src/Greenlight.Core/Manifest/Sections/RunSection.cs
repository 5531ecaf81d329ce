using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class RunSection
{
    /// <summary>Args and env values: the one placeholder they take is ${version}.</summary>
    internal static readonly Scalar<string> Versioned = Scalars.Text.UsingOnly(["version"], "no placeholder other than ${version}");

    // ${version} is expanded in args and env only; elsewhere it would silently stay literal, so refuse it.
    private static readonly Scalar<string> Literal = Scalars.NonEmptyText.UsingOnly([], "no ${...} placeholder: only args and env values take ${version}");

    private static readonly Scalar<string> Image = Scalars.String(text => text.Length > 0 && !text.Any(char.IsWhiteSpace), "an image such as registry/app:${version}")
        .UsingOnly(["version"], "no placeholder other than ${version}");

    internal static readonly Scalar<int> InstanceCount = Scalars.Int(1, RunSpec.MaxInstances, "an instance count");

    public static RunSpec? Read(NodeReader r, string baseDirectory)
    {
        var named = r.Optional("target", Scalars.OneOf([.. RunSpec.Targets])); // null: absent, or refused already
        var target = named ?? RunSpec.ProcessTarget;
        // A refused target is reported once: the keys that depend on it are not judged by a guess.
        var known = named is not null || !r.Has("target");
        var container = RunSpec.ContainerTargets.Contains(target);
        // A container runs what its image says unless the manifest names a command; a process needs one.
        var command = container || !known ? r.Optional("command", Literal) ?? "" : r.Required("command", Literal);
        var args = r.ScalarList("args", Versioned);
        var workingDirectory = r.Optional("workingDirectory", Literal, ".");
        var environment = r.StringMap("env", ManifestValues.EnvironmentName, Versioned);
        var stopTimeout = r.Optional("stopTimeout", Scalars.DurationOrZero, RunSpec.DefaultStopTimeout);
        var instances = r.Optional("instances", InstanceCount, 1);
        var image = container ? r.Required("image", Image) : r.Optional("image", Image);
        var port = r.Optional("port", Scalars.Int(1, 65535, "a port").Select(p => (int?)p), null);
        var resources = r.Has("resources") ? r.Map("resources", ResourcesSection.Read) : null;
        if (known)
            CheckTargetKeys(r, target, container);
        return command is null
            ? null
            : new RunSpec(command, args, Path.GetFullPath(workingDirectory, baseDirectory), environment, stopTimeout)
            {
                Instances = instances, Target = target, Image = image, Port = port, Resources = resources,
            };
    }

    /// <summary>A container needs its port and has no working directory of ours; a process takes none of the container keys.</summary>
    private static void CheckTargetKeys(NodeReader r, string target, bool container)
    {
        if (container && !r.Has("port"))
            r.Report("port", "missing required key", $"the port the app listens on inside its container (target {target})");
        if (container && r.Has("workingDirectory"))
            r.Report("workingDirectory", $"not used by target {target}", "the image's own working directory");
        if (!container)
            foreach (var key in new[] { "image", "port", "resources" }.Where(r.Has))
                r.Report(key, $"only for a container target (run.target: {string.Join(" or ", RunSpec.ContainerTargets)})",
                    "no " + key + " for target process, which runs run.command on a port of its own ($PORT)");
    }
}
