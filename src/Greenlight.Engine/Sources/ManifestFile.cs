using Greenlight.Core.Manifest;

namespace Greenlight.Engine.Sources;

/// <summary>Reads a manifest file as a release snapshot: validated, with the git commit of its work tree when it has one.
/// The CLI reads it at `deploy`, and the controller when a request brings none: both see the file as it is now.</summary>
public static class ManifestFile
{
    public static async Task<SnapshotResult> ReadAsync(string path, CancellationToken ct)
    {
        var file = Path.GetFullPath(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SnapshotResult(null, [new ManifestError(file, 0, 0, "", $"cannot read the file: {e.Message}", null)]);
        }
        var directory = Path.GetDirectoryName(file)!;
        var commit = await GitCommand.RunAsync(directory, ct, "rev-parse", "HEAD");
        // Untracked or edited since that commit: the commit alone does not say what was released.
        var uncommitted = commit is not null && await GitCommand.RunAsync(directory, ct, "status", "--porcelain", "--", Path.GetFileName(file)) is not "";
        var result = ManifestSnapshot.FromText(text, file, commit, uncommitted);
        // The committer time starts DORA's lead time for changes.
        if (commit is not null && result.Snapshot is { } snapshot
            && DateTimeOffset.TryParse(await GitCommand.RunAsync(directory, ct, "show", "-s", "--format=%cI", commit), System.Globalization.CultureInfo.InvariantCulture, out var committed))
            return result with { Snapshot = snapshot with { CommittedAt = committed } };
        return result;
    }

    /// <summary>The git author of the snapshot's commit; null when it has none (not in git).</summary>
    public static async Task<Core.Delivery.CommitAuthor?> AuthorAsync(ManifestSnapshot snapshot, CancellationToken ct)
    {
        if (snapshot.Commit is not { } commit)
            return null;
        var line = await GitCommand.RunAsync(Path.GetDirectoryName(snapshot.File)!, ct, "log", "-1", "--format=%an%x00%ae", commit);
        return line?.Split('\0') is [var name, var email] ? new Core.Delivery.CommitAuthor(name, email) : null;
    }
}
