namespace Greenlight.Migrations.Lint.Parsing;

internal enum SqlTokenKind
{
    /// <summary>Keyword, unquoted identifier or number.</summary>
    Word,
    QuotedIdentifier,
    /// <summary>Any string literal: '...', E'...' or a dollar-quoted body.</summary>
    String,
    LineComment,
    BlockComment,
    Semicolon,
    /// <summary>A single punctuation or operator character.</summary>
    Symbol,
}
