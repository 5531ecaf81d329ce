using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Tests.Lint;

public sealed class SqlTokenizerTests
{
    private static string Describe(SqlToken token) => $"{token.Kind}:{token.Text}@{token.Line}:{token.Column}";

    private static SqlToken Only(string sql, SqlTokenKind kind)
    {
        var token = Assert.Single(SqlTokenizer.Tokenize(sql));
        Assert.Equal(kind, token.Kind);
        return token;
    }

    [Fact]
    public void Tokenize_MultiLineStatement_ReportsLineAndColumnOfEachToken()
    {
        var tokens = SqlTokenizer.Tokenize("ALTER TABLE t -- note\n  DROP \"c\";");

        Assert.Equal(
            ["Word:ALTER@1:1", "Word:TABLE@1:7", "Word:t@1:13", "LineComment:-- note@1:15",
             "Word:DROP@2:3", "QuotedIdentifier:\"c\"@2:8", "Semicolon:;@2:11"],
            tokens.Select(Describe));
    }

    [Fact]
    public void Tokenize_NestedBlockComment_IsOneToken() =>
        Only("/* a /* b; */ c; */", SqlTokenKind.BlockComment);

    [Fact]
    public void Tokenize_DoubledQuoteInString_DoesNotEndString() =>
        Assert.Equal("'it''s; here'", Only("'it''s; here'", SqlTokenKind.String).Text);

    [Fact]
    public void Tokenize_EscapeString_BackslashQuoteDoesNotEndString() =>
        Assert.Equal(@"E'a\'; b'", Only(@"E'a\'; b'", SqlTokenKind.String).Text);

    [Fact]
    public void Tokenize_TaggedDollarQuote_EndsOnlyAtSameTag() =>
        Only("$fn$ SELECT $$;$$; $fn$", SqlTokenKind.String);

    [Fact]
    public void Tokenize_PositionalParameter_IsNotDollarQuote() =>
        Assert.Equal(["Symbol:$@1:1", "Word:1@1:2", "Symbol:$@1:4", "Word:2@1:5"],
            SqlTokenizer.Tokenize("$1 $2").Select(Describe));

    [Fact]
    public void Tokenize_QuotedIdentifierWithDoubledQuote_IsOneToken() =>
        Only("\"a\"\";b\"", SqlTokenKind.QuotedIdentifier);

    [Fact]
    public void Tokenize_UnterminatedComment_RunsToEnd() =>
        Only("/* DROP TABLE t;", SqlTokenKind.BlockComment);
}
