namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>
/// Groups tokens into statements at semicolons. Strings and comments are single tokens, so a
/// semicolon inside them never splits. Inside CREATE ... BEGIN ... END bodies (SQLite triggers,
/// PostgreSQL BEGIN ATOMIC functions) semicolons end inner statements, not the outer one.
/// </summary>
internal static class StatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(IReadOnlyList<SqlToken> tokens)
    {
        var statements = new List<SqlStatement>();
        var code = new List<SqlToken>();
        var comments = new List<SqlToken>();
        List<SqlToken>? previousComments = null;
        var previousEndLine = 0;
        var blockDepth = 0;

        foreach (var token in tokens)
        {
            if (token.IsComment)
            {
                // A comment after `stmt;` on the same line annotates that statement.
                var trailing = code.Count == 0 && previousComments is not null && token.Line == previousEndLine;
                (trailing ? previousComments! : comments).Add(token);
            }
            else if (token.Kind == SqlTokenKind.Semicolon && blockDepth == 0)
            {
                if (code.Count == 0) continue;
                previousComments = [.. comments];
                statements.Add(new SqlStatement(code, previousComments));
                previousEndLine = token.Line;
                (code, comments) = ([], []);
            }
            else
            {
                code.Add(token);
                blockDepth = Math.Max(0, blockDepth + BlockDelta(code, token));
            }
        }
        if (code.Count > 0) statements.Add(new SqlStatement(code, comments));
        return statements;
    }

    private static int BlockDelta(List<SqlToken> code, SqlToken token)
    {
        if (!code[0].IsWord("CREATE")) return 0;
        if (token.IsWord("BEGIN") || token.IsWord("CASE")) return 1;
        return token.IsWord("END") ? -1 : 0;
    }
}
