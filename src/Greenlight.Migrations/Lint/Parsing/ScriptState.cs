namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>
/// What the statements before the current one did: the tables they created, whether an explicit transaction
/// block is open, whether lock_timeout is set. Rules read it; the linter updates it after each statement.
/// </summary>
internal sealed class ScriptState(LintOptions options)
{
    private readonly HashSet<string> _createdTables = new(StringComparer.Ordinal);

    public LintOptions Options { get; } = options;

    /// <summary>A BEGIN or START TRANSACTION ran and no COMMIT, END or ROLLBACK closed it yet.</summary>
    public bool InTransactionBlock { get; private set; }

    /// <summary>Every statement from here on waits for a lock at most lock_timeout.</summary>
    public bool LockTimeoutSet { get; private set; }

    /// <summary>GL019 fires once per script, at the first statement that needs the timeout.</summary>
    public bool LockTimeoutReported { get; set; }

    /// <summary>
    /// The table was created by an earlier CREATE TABLE of this script (without IF NOT EXISTS, which may find the
    /// table already there, full of rows and in use).
    /// </summary>
    public bool IsNew(string? table) => table is not null && _createdTables.Contains(table);

    public void Observe(SqlStatement statement)
    {
        if (statement.CreatedTable is { } created) _createdTables.Add(created);
        if (statement.Transaction is { } control) InTransactionBlock = control == TransactionControl.Begin;
        if (statement.SetsLockTimeout is { } set) LockTimeoutSet = set;
    }
}
