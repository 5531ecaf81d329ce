namespace Greenlight.Scanning.Secrets;

/// <summary>
/// Where scanned text comes from: a whole working-tree file, or a run of lines a commit added, which starts at
/// <paramref name="FirstLine"/> of that commit's version of the file.
/// </summary>
internal sealed record TextOrigin(string? Commit, DateTimeOffset? AuthorDate, int FirstLine)
{
    public static TextOrigin WorkingTree { get; } = new(null, null, 1);

    public string FingerprintOf(string file, string ruleId, int line, string lineText) =>
        Commit is null ? Fingerprint.Of(file, ruleId, lineText) : Fingerprint.OfCommit(Commit, file, ruleId, line);
}
