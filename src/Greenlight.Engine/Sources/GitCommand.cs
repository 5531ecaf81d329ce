using System.Diagnostics;

namespace Greenlight.Engine.Sources;

/// <summary>Asks git about a work tree; null when git is missing, the directory is no work tree, or git fails.</summary>
internal static class GitCommand
{
    public static async Task<string?> RunAsync(string directory, CancellationToken ct, params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        try
        {
            using var git = Process.Start(info)!;
            var output = git.StandardOutput.ReadToEndAsync(ct);
            _ = git.StandardError.ReadToEndAsync(ct);
            await git.WaitForExitAsync(ct);
            return git.ExitCode == 0 ? (await output).Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git installed
        }
    }
}
