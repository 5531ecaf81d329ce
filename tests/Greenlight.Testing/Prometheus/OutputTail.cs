namespace Greenlight.Testing.Prometheus;

/// <summary>The last lines a process wrote, to explain why it failed without flooding the test output.</summary>
internal sealed class OutputTail
{
    private const int Lines = 30;
    private readonly Queue<string> lines = new();

    public void Add(string? line)
    {
        if (line is null) return;
        lock (lines)
        {
            lines.Enqueue(line);
            if (lines.Count > Lines) lines.Dequeue();
        }
    }

    public bool Contains(string text)
    {
        lock (lines) return lines.Any(line => line.Contains(text, StringComparison.Ordinal));
    }

    public override string ToString()
    {
        lock (lines) return string.Join('\n', lines);
    }
}
