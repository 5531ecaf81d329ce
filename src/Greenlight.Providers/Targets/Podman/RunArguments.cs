using System.Globalization;
using Greenlight.Core.Targets;

namespace Greenlight.Providers.Targets.Podman;

/// <summary>The arguments of <c>podman run</c> for one revision.</summary>
internal static class RunArguments
{
    /// <param name="port">The loopback port of the host the container's port is published on: the edge and the health
    /// probes reach the revision there, and nothing outside the machine does.</param>
    public static IReadOnlyList<string> For(ContainerCli cli, RevisionSpec spec, int port, string envFile, string logFile)
    {
        var container = ContainerOf(spec);
        List<string> args = ["run", "--detach", "--name", ContainerLabels.NameOf(spec)];
        foreach (var label in ContainerLabels.Of(spec))
            args.AddRange(["--label", label]);
        args.AddRange(["--env-file", envFile, "--publish", $"127.0.0.1:{port}:{container.Port}"]);
        if (container.Resources.Cpus is { } cpus)
            args.AddRange(["--cpus", cpus.ToString(CultureInfo.InvariantCulture)]);
        if (container.Resources.MemoryBytes is { } memory)
            args.AddRange(["--memory", memory.ToString(CultureInfo.InvariantCulture)]);
        foreach (var file in spec.Files)
        {
            // The volume syntax separates its fields with ':'.
            if (file.Contains(':'))
                throw new RevisionStartException($"{spec.App} {spec.Version}: cannot mount {file} into its container: the path holds ':'");
            args.AddRange(["--volume", $"{file}:{file}:ro"]);
        }
        if (cli.LogsToFile)
            args.AddRange(["--log-driver", "k8s-file", "--log-opt", $"path={logFile}"]);
        args.AddRange(SandboxLimits.UlimitArguments);
        args.Add(container.Image);
        if (spec.Command.Length > 0)
            args.Add(spec.Command);
        args.AddRange(spec.Args);
        return args;
    }

    /// <summary>The image, port and limits the revision's container runs with.</summary>
    public static Core.Manifest.ContainerSpec ContainerOf(RevisionSpec spec) =>
        spec.Run?.Container ?? throw new RevisionStartException($"{spec.App} {spec.Version}: no image to run (run.image and run.port)");
}
