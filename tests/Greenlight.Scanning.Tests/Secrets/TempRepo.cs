using System.Diagnostics;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>A throwaway git repository with a local identity and fixed dates, driven by the real git.</summary>
internal sealed class TempRepo : IDisposable
{
    public static readonly DateTimeOffset Date = new(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));

    private readonly TempTree _tree = new();

    public TempRepo()
    {
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Test");
        Git("config", "user.email", "test@example.invalid");
        Git("config", "commit.gpgsign", "false");
    }

    public string Root => _tree.Root;

    public void Write(string relative, string content) => _tree.Write(relative, content);

    /// <summary>Stages everything and commits; returns the new commit's full sha.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD");
    }

    public string Git(params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(Root);
        foreach (var a in args) info.ArgumentList.Add(a);
        var iso = Date.ToString("yyyy-MM-ddTHH:mm:sszzz");
        info.Environment["GIT_AUTHOR_DATE"] = iso;
        info.Environment["GIT_COMMITTER_DATE"] = iso;
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var git = Process.Start(info)!;
        var stderr = git.StandardError.ReadToEndAsync();
        var stdout = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {stderr.Result}");
        return stdout.Trim();
    }

    public void Dispose() => _tree.Dispose();
}
