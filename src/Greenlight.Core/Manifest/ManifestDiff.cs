using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Greenlight.Core.Manifest;

/// <summary>What changed between two manifests, line by line, as hunks with a little context (like `diff -u`).</summary>
public static class ManifestDiff
{
    public const int Context = 2;

    /// <param name="Line">1-based: in the old text for a removed line, in the new text otherwise.</param>
    public sealed record Change(string Kind, int Line, string Text);

    /// <summary>Changed lines with <see cref="Context"/> unchanged lines around each; empty when the texts are equal.</summary>
    public static IReadOnlyList<Change> Lines(string from, string to)
    {
        var model = new InlineDiffBuilder(new Differ()).BuildDiffModel(from, to, ignoreWhitespace: false);
        var all = new List<Change>();
        int oldLine = 0, newLine = 0;
        foreach (var line in model.Lines)
        {
            if (line.Type != ChangeType.Inserted)
                oldLine++;
            if (line.Type != ChangeType.Deleted)
                newLine++;
            all.Add(line.Type switch
            {
                ChangeType.Deleted => new Change("removed", oldLine, line.Text),
                ChangeType.Inserted => new Change("added", newLine, line.Text),
                _ => new Change("same", newLine, line.Text),
            });
        }
        var near = new bool[all.Count];
        for (var i = 0; i < all.Count; i++)
            if (all[i].Kind != "same")
                for (var j = Math.Max(0, i - Context); j <= Math.Min(all.Count - 1, i + Context); j++)
                    near[j] = true;
        return all.Where((_, i) => near[i]).ToList();
    }
}
