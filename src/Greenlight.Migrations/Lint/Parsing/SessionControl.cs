namespace Greenlight.Migrations.Lint.Parsing;

internal enum TransactionControl
{
    /// <summary>BEGIN, START TRANSACTION: opens an explicit transaction block.</summary>
    Begin,

    /// <summary>COMMIT, END, ROLLBACK, ABORT, PREPARE TRANSACTION: closes it.</summary>
    End,
}

/// <summary>Statements that change the session rather than the schema: transaction control, SET lock_timeout.</summary>
internal static class SessionControl
{
    private static readonly string[] Enders = ["COMMIT", "END", "ROLLBACK", "ABORT"];

    // ROLLBACK TO [SAVEPOINT] stays inside the transaction; savepoints are fine in a migration.
    public static TransactionControl? Transaction(IReadOnlyList<SqlToken> code)
    {
        if (code.StartsWith("BEGIN") || code.StartsWith("START", "TRANSACTION")) return TransactionControl.Begin;
        if (code.StartsWith("PREPARE", "TRANSACTION")) return TransactionControl.End;
        var ends = Enders.Any(word => code.StartsWith(word)) && !code.IsWord(code.Skip(code.Skip(1, "WORK"), "TRANSACTION"), "TO");
        return ends ? TransactionControl.End : null;
    }

    /// <summary>True for SET lock_timeout to a limit, false when it is switched off or reset, null for other statements.</summary>
    public static bool? LockTimeout(IReadOnlyList<SqlToken> code)
    {
        if (code.StartsWith("RESET", "ALL") || code.StartsWith("RESET", "LOCK_TIMEOUT")) return false;
        var name = code.Skip(code.Skip(1, "SESSION"), "LOCAL");
        if (!code.StartsWith("SET") || !code.IsWord(name, "LOCK_TIMEOUT")) return null;
        var value = name + 2; // past TO or =
        if (value >= code.Count || code.IsWord(value, "DEFAULT")) return false;
        return code[value].Text.Trim('\'') is not ("0" or "");
    }
}
