using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

public sealed class GitPatchReaderTests
{
    private const string Date = "2024-05-06T07:08:09+02:00";
    private static readonly string Sha1 = new('1', 40);
    private static readonly string Sha2 = new('2', 40);

    private static List<PatchChunk> Read(params string[] lines) =>
        GitPatchReader.Read(new StringReader(string.Join("\n", lines) + "\n")).ToList();

    [Fact]
    public void Read_NewFile_ReportsPathThenAddedRunWithTextLookingLikeHeaders()
    {
        var chunks = Read(
            $"\u0001{Sha1} {Date}", "",
            "diff --git a/x.txt b/x.txt", "new file mode 100644", "index 0000000..1111111",
            "--- /dev/null", "+++ b/x.txt",
            "@@ -0,0 +1,3 @@", "+one", "+++ b/not-a-header", "+three\r");

        Assert.Equal(2, chunks.Count);
        Assert.Equal(("x.txt", 1, (string?)null), (chunks[0].Path, chunks[0].FirstLine, chunks[0].AddedText));
        Assert.Equal(("x.txt", 1, "one\n++ b/not-a-header\nthree"), (chunks[1].Path, chunks[1].FirstLine, chunks[1].AddedText));
        Assert.Equal((Sha1, DateTimeOffset.Parse(Date)), (chunks[1].Commit.Sha, chunks[1].Commit.AuthorDate));
    }

    [Fact]
    public void Read_TwoHunksAndRemovedLines_OneRunPerContiguousBlockAtNewLineNumbers()
    {
        var chunks = Read(
            $"\u0001{Sha1} {Date}", "",
            "diff --git a/a.py b/a.py", "--- a/a.py", "+++ b/a.py",
            "@@ -2 +2 @@", "-old", "+new two",
            "@@ -9,0 +10,2 @@ def f():", "+ten", "+eleven",
            "\\ No newline at end of file");

        Assert.Equal([(2, "new two"), (10, "ten\neleven")], chunks.Select(c => (c.FirstLine, c.AddedText!)));
    }

    [Fact]
    public void Read_MergeCombinedDiff_OnlyLinesNewToEveryParent()
    {
        var chunks = Read(
            $"\u0001{Sha2} {Date}", "",
            "diff --cc m.txt", "index 1111111,2222222..3333333", "--- a/m.txt", "+++ b/m.txt",
            "@@@ -1,1 -1,1 +1,3 @@@", " +from second parent", "+ from first parent", "++evil", "- gone from first");

        var chunk = Assert.Single(chunks);
        Assert.Equal(("m.txt", 3, "evil"), (chunk.Path, chunk.FirstLine, chunk.AddedText));
    }

    [Fact]
    public void Read_QuotedPathAndRename_UnquotedNewPath()
    {
        var chunks = Read(
            $"\u0001{Sha1} {Date}", "",
            "diff --git a/old.txt \"b/dir/t\\303\\251st\\tx.txt\"", "similarity index 100%",
            "rename from old.txt", "rename to \"dir/t\\303\\251st\\tx.txt\"",
            "diff --git a/k.bin b/k.bin", "new file mode 100644", "Binary files /dev/null and b/k.bin differ");

        Assert.Equal([("dir/tést\tx.txt", null), ("k.bin", (string?)null)], chunks.Select(c => (c.Path, c.AddedText)));
    }

    [Fact]
    public void Read_DeletedFile_NothingReported()
    {
        var chunks = Read(
            $"\u0001{Sha1} {Date}", "",
            "diff --git a/gone.env b/gone.env", "deleted file mode 100644", "--- a/gone.env", "+++ /dev/null",
            "@@ -1 +0,0 @@", "-KEY=value");

        Assert.Empty(chunks);
    }
}
