namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>Keyword matching over code tokens (comments already removed), case-insensitive.</summary>
internal static class TokenListExtensions
{
    public static bool IsWord(this IReadOnlyList<SqlToken> tokens, int index, string word) =>
        index >= 0 && index < tokens.Count && tokens[index].IsWord(word);

    /// <summary>True when the words appear consecutively starting at <paramref name="index"/>.</summary>
    public static bool HasWordsAt(this IReadOnlyList<SqlToken> tokens, int index, params string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (!tokens.IsWord(index + i, words[i])) return false;
        }
        return true;
    }

    public static bool StartsWith(this IReadOnlyList<SqlToken> tokens, params string[] words) =>
        tokens.HasWordsAt(0, words);

    public static bool ContainsWords(this IReadOnlyList<SqlToken> tokens, params string[] words) =>
        tokens.IndexOfWords(words) >= 0;

    /// <summary>Where the words first appear consecutively, or -1.</summary>
    public static int IndexOfWords(this IReadOnlyList<SqlToken> tokens, params string[] words)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens.HasWordsAt(i, words)) return i;
        }
        return -1;
    }

    /// <summary>Index past the optional words at <paramref name="index"/> (e.g. IF NOT EXISTS).</summary>
    public static int Skip(this IReadOnlyList<SqlToken> tokens, int index, params string[] optional) =>
        tokens.HasWordsAt(index, optional) ? index + optional.Length : index;

    /// <summary>
    /// Reads a possibly schema-qualified name and returns its last part, folded the way
    /// PostgreSQL folds it: unquoted names to lower case, quoted names as written.
    /// </summary>
    public static string? ReadName(this IReadOnlyList<SqlToken> tokens, ref int index)
    {
        string? name = null;
        while (index < tokens.Count && tokens[index].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
        {
            var token = tokens[index++];
            name = token.Kind == SqlTokenKind.Word
                ? token.Text.ToLowerInvariant()
                : token.Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            if (index >= tokens.Count || !tokens[index].IsSymbol('.')) break;
            index++;
        }
        return name;
    }
}
