using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class RunSection
{
    /// <summary>Args and env values: the one placeholder they take is ${version}.</summary>
    internal static readonly Scalar<string> Versioned = Scalars.Text.UsingOnly(["version"], "no placeholder other than ${version}");

    // ${version} is expanded in args, env and the image only; elsewhere it would silently stay literal, so refuse it.
    private static readonly Scalar<string> Literal = Scalars.NonEmptyText.UsingOnly([], "no ${...} placeholder: only args, env values and image take ${version}");

    internal static readonly Scalar<int> InstanceCount = Scalars.Int(1, RunSpec.MaxInstances, "an instance count");

    public static RunSpec? Read(NodeReader r, string baseDirectory)
    {
        var named = r.Optional("target", Scalars.OneOf([.. RunSpec.Targets])); // null: absent, or refused already
        var target = named ?? RunSpec.ProcessTarget;
        // A refused target is reported once: the keys that depend on it are not judged by a guess.
        var known = named is not null || !r.Has("target");
        var inContainer = RunSpec.ContainerTargets.Contains(target);
        // A container runs what its image says unless the manifest names a command; a process needs one.
        var command = inContainer || !known ? r.Optional("command", Literal) ?? "" : r.Required("command", Literal);
        var args = r.ScalarList("args", Versioned);
        var workingDirectory = r.Optional("workingDirectory", Literal, ".");
        var environment = r.StringMap("env", ManifestValues.EnvironmentName, Versioned);
        var stopTimeout = r.Optional("stopTimeout", Scalars.DurationOrZero, RunSpec.DefaultStopTimeout);
        var instances = r.Optional("instances", InstanceCount, 1);
        var container = !known ? ContainerSection.Check(r) : ContainerSection.Read(r, target);
        return command is null || !known || (inContainer && container is null)
            ? null
            : new RunSpec(command, args, Path.GetFullPath(workingDirectory, baseDirectory), environment, stopTimeout)
            {
                Instances = instances, Target = target, Container = container,
            };
    }
}
