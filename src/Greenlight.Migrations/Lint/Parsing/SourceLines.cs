namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>
/// Lines as the tokenizer counts them: a line ends at \n, at \r\n, or at a lone \r, so that positions in
/// files saved with classic Mac line ends are as right as in Unix or Windows files.
/// </summary>
internal static class SourceLines
{
    /// <summary>True when the character at <paramref name="index"/> ends a line (the \r of \r\n does not).</summary>
    public static bool IsLineBreak(string text, int index) =>
        text[index] == '\n' || (text[index] == '\r' && (index + 1 == text.Length || text[index + 1] != '\n'));

    /// <summary>The offset at which each line starts; the first line starts at 0.</summary>
    public static IReadOnlyList<int> Starts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (IsLineBreak(text, i)) starts.Add(i + 1);
        }
        return starts;
    }

    /// <summary>The text of the 1-based <paramref name="line"/> from <paramref name="column"/> on, without its line end.</summary>
    public static string Rest(string text, IReadOnlyList<int> starts, int line, int column)
    {
        var start = starts[line - 1] + column - 1;
        var end = line < starts.Count ? starts[line] : text.Length;
        return text[start..end].TrimEnd('\r', '\n');
    }
}
