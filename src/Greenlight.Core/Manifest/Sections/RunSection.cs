using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class RunSection
{
    /// <summary>Args and env values: the one placeholder they take is ${version}.</summary>
    internal static readonly Scalar<string> Versioned = Scalars.Text.UsingOnly(["version"], "no placeholder other than ${version}");

    // ${version} is expanded in args, env and the image only; elsewhere it would silently stay literal, so refuse it.
    private static readonly Scalar<string> Literal = Scalars.NonEmptyText.UsingOnly([], "no ${...} placeholder: only args, env values and image take ${version}");

    internal static readonly Scalar<int> InstanceCount = Scalars.Int(1, RunSpec.MaxInstances, "an instance count");

    private static readonly Scalar<string> Target = Scalars.OneOf(RunSpec.ProcessTarget, RunSpec.KubernetesTarget);

    public static RunSpec? Read(NodeReader r, string baseDirectory)
    {
        // A target that is not one is reported alone: what the others would have needed is not known.
        var target = r.Has("target") ? r.Optional("target", Target) : RunSpec.ProcessTarget;
        var container = target is null ? ContainerSection.Skip(r) : ContainerSection.Read(r, target);
        // A container's command is optional: without one the image's entrypoint runs.
        var command = target == RunSpec.ProcessTarget ? r.Required("command", Literal) : r.Optional("command", Literal, "");
        target ??= "";
        var args = r.ScalarList("args", Versioned);
        var workingDirectory = r.Optional("workingDirectory", Literal, ".");
        var environment = r.StringMap("env", ManifestValues.EnvironmentName, Versioned);
        var stopTimeout = r.Optional("stopTimeout", Scalars.DurationOrZero, RunSpec.DefaultStopTimeout);
        var instances = r.Optional("instances", InstanceCount, 1);
        return command is null || target.Length == 0 || (target != RunSpec.ProcessTarget && container is null)
            ? null
            : new RunSpec(command, args, Path.GetFullPath(workingDirectory, baseDirectory), environment, stopTimeout)
            {
                Instances = instances, Target = target, Container = container,
            };
    }
}
