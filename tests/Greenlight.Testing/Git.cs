using System.Diagnostics;

namespace Greenlight.Testing;

/// <summary>The real git, for tests that need a repository: runs one command in a directory and fails loudly.</summary>
public static class Git
{
    public static async Task RunAsync(string directory, CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true };
        // A test machine has no git identity of its own.
        foreach (var arg in (string[])["-c", "user.name=greenlight-test", "-c", "user.email=test@example.com", .. args])
            info.ArgumentList.Add(arg);
        using var git = Process.Start(info)!;
        var stderr = git.StandardError.ReadToEndAsync(ct);
        await git.WaitForExitAsync(ct);
        if (git.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} exited with {git.ExitCode}: {await stderr}");
    }

    /// <summary>A repository holding everything in <paramref name="directory"/>, in one commit.</summary>
    public static async Task InitAndCommitAsync(string directory, CancellationToken ct)
    {
        await RunAsync(directory, ct, "init", "-q");
        await RunAsync(directory, ct, "add", "-A");
        await RunAsync(directory, ct, "commit", "-qm", "initial");
    }
}
