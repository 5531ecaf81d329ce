using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Databases;

/// <summary>
/// Finds a script's own transaction control: <c>BEGIN</c>, <c>START TRANSACTION</c>, <c>COMMIT</c>, <c>END</c>,
/// <c>ROLLBACK</c> (not <c>ROLLBACK TO</c> a savepoint), <c>ABORT</c>, <c>PREPARE TRANSACTION</c>. Savepoints are not
/// among them: they nest inside the script's transaction on both databases. Works on the linter's tokens, so the words
/// in a comment, a string or a function body never count.
/// </summary>
internal static class TransactionControl
{
    private static readonly string[] Hints = ["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "PREPARE"];

    /// <summary>The first statement of <paramref name="sql"/> that starts or ends a transaction, named with its line.</summary>
    public static (string Kind, int Line)? Find(string sql)
    {
        if (!Hints.Any(h => sql.Contains(h, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        foreach (var statement in StatementSplitter.Split(SqlTokenizer.Tokenize(sql)))
        {
            if (Kind(statement.Code) is { } kind)
            {
                return (kind, statement.First.Line);
            }
        }
        return null;
    }

    private static string? Kind(IReadOnlyList<SqlToken> code)
    {
        if (code.StartsWith("START", "TRANSACTION")) return "START TRANSACTION";
        if (code.StartsWith("PREPARE", "TRANSACTION")) return "PREPARE TRANSACTION";
        if (code.StartsWith("ROLLBACK")) return code.ContainsWords("TO") ? null : "ROLLBACK";
        foreach (var word in (ReadOnlySpan<string>)["BEGIN", "COMMIT", "END", "ABORT"])
        {
            if (code[0].IsWord(word)) return word;
        }
        return null;
    }
}
