using System.ComponentModel;
using OsProcess = System.Diagnostics.Process;

namespace Greenlight.Providers.Targets.Podman;

/// <summary>The podman (or Docker-compatible) command line the target drives. Arguments go to it as a list, never through a
/// shell; no secret value is ever one of them (environment values travel in an env file).</summary>
/// <param name="Program">"podman" or "docker": looked up on PATH when the target first runs it.</param>
internal sealed record ContainerCli(string Program)
{
    /// <summary>Podman where it is installed; else Docker where it is; else podman, whose absence the first command reports.</summary>
    public static ContainerCli PodmanOrDocker() =>
        new(OnPath("podman") || !OnPath("docker") ? "podman" : "docker");

    /// <summary>Podman writes a container's output to a file of our choosing; Docker keeps it in its own store.</summary>
    public bool LogsToFile => Program == "podman";

    /// <exception cref="ContainerCliException">The program is missing or failed (exit code and its stderr).</exception>
    public async Task<string> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (exitCode, stdout, stderr) = await TryRunAsync(args, cancellationToken);
        return exitCode == 0
            ? stdout
            : throw new ContainerCliException($"{Program} {args[0]} failed with exit code {exitCode}: {stderr.Trim()}");
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> TryRunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        OsProcess process;
        try
        {
            process = OsProcess.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new ContainerCliException($"cannot run {Program} ({e.Message}): install podman (apt-get install podman runc) or docker");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, program)));
}

internal sealed class ContainerCliException(string message) : InvalidOperationException(message);
