using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;

namespace Greenlight.Testing.Podman;

/// <summary>
/// Images of a small static HTTP service (test-service.c beside this file) for container tests, built here because no
/// registry is reachable: gcc links it statically, and <c>podman import</c> makes an image of a root filesystem holding
/// only that file. Built once per version of the source and kept in podman's store between runs; each version is a tag of it,
/// e.g. localhost/greenlight-test-service:2.0.
/// </summary>
public static class TestImage
{
    public const string Repository = "localhost/greenlight-test-service";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _base;

    /// <returns>The image reference of <paramref name="version"/>.</returns>
    public static async Task<string> TagAsync(string version)
    {
        await Gate.WaitAsync();
        try
        {
            _base ??= await BuildAsync();
            await PodmanCli.RunAsync("tag", _base, $"{Repository}:{version}");
            return $"{Repository}:{version}";
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The image of the current source: built when no earlier run (or parallel test process) left it.</summary>
    private static async Task<string> BuildAsync()
    {
        var source = Path.Combine(RepoPaths.Root, "tests", "Greenlight.Testing", "Podman", "test-service.c");
        var image = $"{Repository}:source-{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(source)))[..16]}";
        if ((await PodmanCli.TryRunAsync("image", "exists", image)).ExitCode == 0)
            return image;
        var work = Directory.CreateTempSubdirectory("greenlight-image-");
        try
        {
            var rootfs = Directory.CreateDirectory(Path.Combine(work.FullName, "rootfs"));
            await PodmanCli.ExecAsync("gcc", "-static", "-O2", "-o", Path.Combine(rootfs.FullName, "service"), source);
            var tar = Path.Combine(work.FullName, "rootfs.tar");
            await TarFile.CreateFromDirectoryAsync(rootfs.FullName, tar, includeBaseDirectory: false);
            await PodmanCli.RunAsync("import", "--change", "CMD [\"/service\"]", tar, image);
            return image;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

/// <summary>The podman command line as tests use it: to build images, look at containers and clean up after themselves.</summary>
public static class PodmanCli
{
    public static Task<string> RunAsync(params string[] args) => ExecAsync("podman", args);

    /// <summary>Ids of the containers (running or not) that carry every one of <paramref name="labels"/> (name=value).</summary>
    public static async Task<IReadOnlyList<string>> ContainersAsync(params string[] labels) =>
        (await RunAsync(["ps", "--all", "--quiet", "--no-trunc", .. labels.SelectMany(l => new[] { "--filter", $"label={l}" })]))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Removes every container carrying <paramref name="label"/>, whatever state it is in.</summary>
    public static async Task RemoveAllAsync(string label)
    {
        foreach (var id in await ContainersAsync(label))
            await ExecAsync("podman", "rm", "--force", "--time", "0", id);
    }

    public static async Task<string> ExecAsync(string program, params string[] args)
    {
        var (exitCode, stdout, stderr) = await TryExecAsync(program, args);
        return exitCode == 0
            ? stdout
            : throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed with exit code {exitCode}: {stderr}");
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> TryRunAsync(params string[] args) => TryExecAsync("podman", args);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> TryExecAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
