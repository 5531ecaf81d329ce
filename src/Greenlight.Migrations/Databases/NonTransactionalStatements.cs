using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Databases;

/// <summary>
/// Finds the PostgreSQL statements that cannot run inside a transaction block (CREATE/DROP INDEX CONCURRENTLY,
/// REINDEX ... CONCURRENTLY, VACUUM, CREATE DATABASE, ...). A script holding one runs outside a transaction, statement
/// by statement, as Flyway does. Detection works on the linter's tokens, so the words inside a comment or a string
/// never count.
/// </summary>
internal static class NonTransactionalStatements
{
    // Every statement this class detects contains one of these words; a script without any is skipped untokenized.
    private static readonly string[] Hints = ["CONCURRENTLY", "VACUUM", "DATABASE", "TABLESPACE", "SYSTEM", "VALUE", "SUBSCRIPTION", "REINDEX"];

    /// <summary>
    /// The first statement of <paramref name="sql"/> that cannot run in a transaction block, named (e.g.
    /// <c>CREATE INDEX CONCURRENTLY</c>) with its line, or null when every statement can.
    /// <paramref name="alterTypeAddValueToo"/>: before PostgreSQL 12 <c>ALTER TYPE ... ADD VALUE</c> is one of them.
    /// </summary>
    public static (string Kind, int Line)? Find(string sql, bool alterTypeAddValueToo)
    {
        if (!Hints.Any(h => sql.Contains(h, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        foreach (var statement in StatementSplitter.Split(SqlTokenizer.Tokenize(sql)))
        {
            if (Kind(statement.Code, alterTypeAddValueToo) is { } kind)
            {
                return (kind, statement.First.Line);
            }
        }
        return null;
    }

    private static string? Kind(IReadOnlyList<SqlToken> code, bool alterTypeAddValueToo)
    {
        // CREATE [UNIQUE] INDEX CONCURRENTLY
        var index = code.Skip(1, "UNIQUE");
        if (code.StartsWith("CREATE") && code.HasWordsAt(index, "INDEX", "CONCURRENTLY")) return "CREATE INDEX CONCURRENTLY";
        if (code.StartsWith("DROP", "INDEX", "CONCURRENTLY")) return "DROP INDEX CONCURRENTLY";
        if (code.StartsWith("REINDEX"))
        {
            // REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name
            if (code.ContainsWords("CONCURRENTLY")) return "REINDEX ... CONCURRENTLY";
            if (code.ContainsWords("SCHEMA") || code.ContainsWords("DATABASE") || code.ContainsWords("SYSTEM")) return "REINDEX SCHEMA/DATABASE/SYSTEM";
            return null;
        }
        if (code.StartsWith("VACUUM")) return "VACUUM";
        if (code.StartsWith("CREATE", "DATABASE") || code.StartsWith("DROP", "DATABASE")) return code[0].Text.ToUpperInvariant() + " DATABASE";
        if (code.StartsWith("CREATE", "TABLESPACE") || code.StartsWith("DROP", "TABLESPACE")) return code[0].Text.ToUpperInvariant() + " TABLESPACE";
        if (code.StartsWith("ALTER", "SYSTEM")) return "ALTER SYSTEM";
        if (code.StartsWith("CREATE", "SUBSCRIPTION")) return "CREATE SUBSCRIPTION";
        if (alterTypeAddValueToo && code.StartsWith("ALTER", "TYPE") && code.ContainsWords("ADD", "VALUE")) return "ALTER TYPE ... ADD VALUE";
        return null;
    }
}
