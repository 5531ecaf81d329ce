namespace Greenlight.Migrations.Lint.Parsing;

internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Line, int Column)
{
    public bool IsComment => Kind is SqlTokenKind.LineComment or SqlTokenKind.BlockComment;

    public bool IsWord(string word) =>
        Kind == SqlTokenKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text[0] == symbol;

    /// <summary>The text of a comment without its delimiters, for directives like greenlight:allow.</summary>
    public string CommentBody => Kind switch
    {
        SqlTokenKind.LineComment => Text[2..].Trim(),
        SqlTokenKind.BlockComment => Text[2..(Text.Length >= 4 && Text.EndsWith("*/", StringComparison.Ordinal) ? ^2 : ^0)].Trim(),
        _ => "",
    };
}
