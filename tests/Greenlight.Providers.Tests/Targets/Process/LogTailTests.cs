using Greenlight.Providers.Targets.Process;

namespace Greenlight.Providers.Tests.Targets.Process;

public sealed class LogTailTests : IDisposable
{
    private readonly string path = Path.GetTempFileName();

    [Fact]
    public void Read_FromMark_SkipsEarlierRuns()
    {
        File.WriteAllText(path, "old run\n");
        var mark = LogTail.Mark(path);
        File.AppendAllText(path, "new run\nfailed\n");

        Assert.Equal("new run\nfailed", LogTail.Read(path, mark, 20));
    }

    [Fact]
    public void Read_LongLog_KeepsLastLines()
    {
        File.WriteAllLines(path, Enumerable.Range(1, 100).Select(i => $"line {i}"));

        Assert.Equal("line 99\nline 100", LogTail.Read(path, 0, 2));
    }

    [Fact]
    public void Read_HugeLog_DropsCutFirstLine()
    {
        File.WriteAllText(path, new string('x', 100_000) + "\nlast\n");

        Assert.Equal("last", LogTail.Read(path, 0, 20));
    }

    [Fact]
    public void Read_MissingFile_ReturnsEmpty()
    {
        Assert.Equal("", LogTail.Read(path + ".missing", 0, 20));
        Assert.Equal(0, LogTail.Mark(path + ".missing"));
    }

    public void Dispose() => File.Delete(path);
}
