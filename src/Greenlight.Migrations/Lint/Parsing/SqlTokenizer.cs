namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>
/// Splits SQL into tokens with their 1-based line and column. It only needs to know where
/// comments, strings and quoted identifiers start and end, so that rules match keywords in
/// code and never text that merely looks like SQL inside a comment or a literal.
/// Unterminated constructs run to the end of the input rather than failing: the database
/// reports syntax errors better than a linter can.
/// </summary>
internal sealed class SqlTokenizer
{
    private readonly string _sql;
    private readonly List<SqlToken> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    private SqlTokenizer(string sql) => _sql = sql;

    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        var tokenizer = new SqlTokenizer(sql);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private void Run()
    {
        while (_pos < _sql.Length)
        {
            if (char.IsWhiteSpace(_sql[_pos]))
            {
                Advance(1);
                continue;
            }
            var (kind, end) = Scan(_sql[_pos]);
            _tokens.Add(new SqlToken(kind, _sql[_pos..end], _line, _column));
            Advance(end - _pos);
        }
    }

    private (SqlTokenKind Kind, int End) Scan(char c) => c switch
    {
        '-' when Peek(1) == '-' => (SqlTokenKind.LineComment, LineEnd()),
        '/' when Peek(1) == '*' => (SqlTokenKind.BlockComment, BlockCommentEnd()),
        '\'' => (SqlTokenKind.String, QuotedEnd(_pos, '\'', backslashEscapes: false)),
        // E'..' (PostgreSQL escape string): a backslash may escape the closing quote.
        'E' or 'e' when Peek(1) == '\'' => (SqlTokenKind.String, QuotedEnd(_pos + 1, '\'', backslashEscapes: true)),
        '"' => (SqlTokenKind.QuotedIdentifier, QuotedEnd(_pos, '"', backslashEscapes: false)),
        '$' when DollarTag() is { } tag => (SqlTokenKind.String, DollarQuoteEnd(tag)),
        ';' => (SqlTokenKind.Semicolon, _pos + 1),
        _ when IsWordStart(c) => (SqlTokenKind.Word, WordEnd()),
        _ => (SqlTokenKind.Symbol, _pos + 1),
    };

    private char Peek(int offset) => _pos + offset < _sql.Length ? _sql[_pos + offset] : '\0';

    // A line ends at \n, \r\n or a lone \r (classic Mac files): a -- comment must not swallow the next line.
    private int LineEnd()
    {
        var newline = _sql.AsSpan(_pos).IndexOfAny('\n', '\r');
        return newline < 0 ? _sql.Length : _pos + newline;
    }

    // PostgreSQL block comments nest: /* a /* b */ still a comment */.
    private int BlockCommentEnd()
    {
        var depth = 0;
        var i = _pos;
        while (i < _sql.Length - 1)
        {
            if (_sql[i] == '/' && _sql[i + 1] == '*') { depth++; i += 2; }
            else if (_sql[i] == '*' && _sql[i + 1] == '/') { i += 2; if (--depth == 0) return i; }
            else i++;
        }
        return _sql.Length;
    }

    // A doubled quote ('' or "") stands for one quote character and does not end the literal.
    private int QuotedEnd(int open, char quote, bool backslashEscapes)
    {
        var i = open + 1;
        while (i < _sql.Length)
        {
            if (backslashEscapes && _sql[i] == '\\') i += 2;
            else if (_sql[i] != quote) i++;
            else if (i + 1 < _sql.Length && _sql[i + 1] == quote) i += 2;
            else return i + 1;
        }
        return _sql.Length;
    }

    // $$ or $tag$; $1 is a positional parameter, because a tag cannot start with a digit.
    private string? DollarTag()
    {
        var i = _pos + 1;
        if (i < _sql.Length && (char.IsLetter(_sql[i]) || _sql[i] == '_'))
        {
            while (i < _sql.Length && (char.IsLetterOrDigit(_sql[i]) || _sql[i] == '_')) i++;
        }
        return i < _sql.Length && _sql[i] == '$' ? _sql[_pos..(i + 1)] : null;
    }

    private int DollarQuoteEnd(string tag)
    {
        var close = _sql.IndexOf(tag, _pos + tag.Length, StringComparison.Ordinal);
        return close < 0 ? _sql.Length : close + tag.Length;
    }

    private int WordEnd()
    {
        var i = _pos;
        while (i < _sql.Length && (char.IsLetterOrDigit(_sql[i]) || _sql[i] is '_' or '$')) i++;
        return i;
    }

    private static bool IsWordStart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private void Advance(int count)
    {
        for (var end = _pos + count; _pos < end; _pos++)
        {
            if (SourceLines.IsLineBreak(_sql, _pos)) { _line++; _column = 1; }
            else _column++;
        }
    }
}
