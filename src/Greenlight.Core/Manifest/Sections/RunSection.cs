using Greenlight.Core.Manifest.Reading;

namespace Greenlight.Core.Manifest.Sections;

internal static class RunSection
{
    /// <summary>Args and env values: the one placeholder they take is ${version}.</summary>
    internal static readonly Scalar<string> Versioned = Scalars.Text.UsingOnly(["version"], "no placeholder other than ${version}");

    // ${version} is expanded in args and env only; elsewhere it would silently stay literal, so refuse it.
    private static readonly Scalar<string> Literal = Scalars.NonEmptyText.UsingOnly([], "no ${...} placeholder: only args and env values take ${version}");

    internal static readonly Scalar<int> InstanceCount = Scalars.Int(1, RunSpec.MaxInstances, "an instance count");

    public static RunSpec? Read(NodeReader r, string baseDirectory)
    {
        var command = r.Required("command", Literal);
        var args = r.ScalarList("args", Versioned);
        var workingDirectory = r.Optional("workingDirectory", Literal, ".");
        var environment = r.StringMap("env", ManifestValues.EnvironmentName, Versioned);
        var stopTimeout = r.Optional("stopTimeout", Scalars.DurationOrZero, RunSpec.DefaultStopTimeout);
        var instances = r.Optional("instances", InstanceCount, 1);
        return command is null
            ? null
            : new RunSpec(command, args, Path.GetFullPath(workingDirectory, baseDirectory), environment, stopTimeout) { Instances = instances };
    }
}
