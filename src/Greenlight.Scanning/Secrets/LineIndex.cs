namespace Greenlight.Scanning.Secrets;

/// <summary>Maps offsets in a file to 1-based line/column, built once per file that has a candidate match.</summary>
internal sealed class LineIndex
{
    private readonly string _text;
    private readonly List<int> _starts = [0];

    public LineIndex(string text)
    {
        _text = text;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1)) _starts.Add(i + 1);
    }

    /// <summary>0-based line number of an offset.</summary>
    public int LineOf(int offset)
    {
        var i = _starts.BinarySearch(offset);
        return i >= 0 ? i : ~i - 1;
    }

    public int StartOf(int line) => _starts[line];

    /// <summary>Lines <paramref name="first"/> to <paramref name="last"/>, joined by '\n'.</summary>
    public string TextOf(int first, int last) =>
        first == last ? TextOf(first) : string.Join('\n', Enumerable.Range(first, last - first + 1).Select(l => TextOf(l)));

    public string TextOf(int line)
    {
        var start = _starts[line];
        var end = line + 1 < _starts.Count ? _starts[line + 1] - 1 : _text.Length;
        return _text[start..end].TrimEnd('\r');
    }
}
