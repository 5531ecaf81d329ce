namespace Greenlight.Providers.Targets.Process;

/// <summary>The last lines a revision wrote, for failure messages that say why without opening a file.</summary>
public static class LogTail
{
    private const int MaxBytes = 16 * 1024;

    /// <summary>Size of the log now: the tail of a start is read from there on, since a log file
    /// may already hold earlier runs of the same revision.</summary>
    public static long Mark(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    public static string Read(string path, long from, int maxLines)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var start = Math.Max(from, stream.Length - MaxBytes);
            stream.Position = Math.Min(start, stream.Length);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().TrimEnd().Split('\n');
            var whole = start == from ? lines : lines[1..]; // a cut first line would only confuse
            return string.Join('\n', whole.TakeLast(maxLines));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return "";
        }
    }
}
