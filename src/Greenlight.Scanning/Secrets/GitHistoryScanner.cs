using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Finds secrets anywhere in a repository's history: a secret committed and deleted later is still leaked.
/// Reads `git log -p` as a stream and scans only the lines each commit added, with the same rules, allowlists,
/// inline allow comments and redaction as <see cref="SecretScanner"/>; a line is reported once, in the commit
/// that introduced it, at its line number in that commit's version of the file.
/// </summary>
public sealed class GitHistoryScanner(SecretRuleSet? rules = null, SecretScanOptions? options = null)
{
    private readonly SecretScanner _scanner = new(rules, options);
    private readonly IReadOnlySet<string> _skipped = (options ?? new SecretScanOptions()).SkippedDirectories;

    /// <param name="repoRoot">Any directory inside the repository.</param>
    /// <param name="logOptions">
    /// Whitespace-separated git log arguments choosing the commits (e.g. "main~20..main" or "--since=2025-01-01 main");
    /// they replace the default, every commit reachable from any ref (--all).
    /// </param>
    /// <exception cref="GitHistoryException">git is missing, or failed (not a repository, bad options).</exception>
    public IReadOnlyList<SecretFinding> Scan(string repoRoot, string? logOptions = null)
    {
        using var git = Start(repoRoot, logOptions);
        var stderr = git.StandardError.ReadToEndAsync(); // drained concurrently, or a chatty git could block on it
        var findings = new List<SecretFinding>();
        try
        {
            foreach (var chunk in GitPatchReader.Read(git.StandardOutput))
            {
                // Committed build output or installed packages are skipped as in the working tree; the file size
                // limit is not applied, as a diff does not tell the file's size.
                if (chunk.Path.Split('/')[..^1].Any(_skipped.Contains)) continue;
                var origin = new TextOrigin(chunk.Commit.Sha, chunk.Commit.AuthorDate, chunk.FirstLine);
                findings.AddRange(chunk.AddedText is null
                    ? _scanner.PathFindings(chunk.Path, origin)
                    : _scanner.TextFindings(chunk.Path, chunk.AddedText, origin));
            }
            git.WaitForExit();
        }
        finally
        {
            if (!git.HasExited) git.Kill(entireProcessTree: true);
        }
        if (git.ExitCode != 0)
            throw new GitHistoryException($"git log in '{repoRoot}' failed (exit code {git.ExitCode}): {stderr.Result.Trim()}");
        return findings;
    }

    private static Process Start(string repoRoot, string? logOptions)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // Every setting that changes the patch's shape is pinned, so a user's git config cannot confuse the reader:
        // paths unquoted UTF-8, a/ b/ prefixes, no colour, no external diff or textconv, no signature lines.
        // -M: a renamed file shows no added lines, so its secrets are not reported again under the new name.
        // --cc: a merge shows only lines that differ from every parent (an "evil merge"), not the merged branch again.
        // Binary files show as "Binary files ... differ" without content, so they are skipped.
        string[] args =
        [
            "-C", repoRoot, "-c", "core.quotePath=false", "-c", "log.showSignature=false",
            "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--cc",
            "--src-prefix=a/", "--dst-prefix=b/", $"--format={GitPatchReader.CommitMarker}%H %aI",
        ];
        foreach (var a in args) info.ArgumentList.Add(a);
        var selection = logOptions?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } given
            ? given : ["--full-history", "--all"];
        foreach (var a in selection) info.ArgumentList.Add(a);
        try
        {
            return Process.Start(info) ?? throw new GitHistoryException("git could not be started");
        }
        catch (Win32Exception e)
        {
            throw new GitHistoryException($"git could not be started (is it installed and on PATH?): {e.Message}", e);
        }
    }
}

/// <summary>The history could not be read: git is missing or failed; the message carries git's own error.</summary>
public sealed class GitHistoryException(string message, Exception? inner = null) : Exception(message, inner);
