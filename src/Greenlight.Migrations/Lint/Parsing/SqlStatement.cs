namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>
/// One statement: its code tokens (no comments) and the comments that belong to it — those on
/// the lines just before it, inside it, and after its semicolon on the same line.
/// </summary>
internal sealed class SqlStatement
{
    public SqlStatement(IReadOnlyList<SqlToken> code, IReadOnlyList<SqlToken> comments)
    {
        Code = code;
        Comments = comments;
        AlterTable = AlterTable.Parse(code);
        IndexKeyword = code.StartsWith("CREATE") && code.Skip(1, "UNIQUE") is var index && code.IsWord(index, "INDEX") ? index : -1;
        Table = AlterTable?.Table ?? IndexedTable();
        CreatedTable = CreatedTableName(code);
        Transaction = SessionControl.Transaction(code);
        SetsLockTimeout = SessionControl.LockTimeout(code);
    }

    public IReadOnlyList<SqlToken> Code { get; }

    public IReadOnlyList<SqlToken> Comments { get; }

    public AlterTable? AlterTable { get; }

    /// <summary>Where INDEX is in CREATE [UNIQUE] INDEX, or -1 for other statements.</summary>
    public int IndexKeyword { get; }

    /// <summary>The existing table this statement locks (ALTER TABLE, CREATE INDEX), if any.</summary>
    public string? Table { get; }

    /// <summary>The table this statement creates, if it is a CREATE TABLE without IF NOT EXISTS.</summary>
    public string? CreatedTable { get; }

    public TransactionControl? Transaction { get; }

    /// <summary>See <see cref="SessionControl.LockTimeout"/>.</summary>
    public bool? SetsLockTimeout { get; }

    /// <summary>The statement's column definitions and type changes, parsed on first use (type rules need them).</summary>
    public IReadOnlyList<ColumnDefinition> Columns => _columns ??= ColumnDefinition.Of(this);

    private IReadOnlyList<ColumnDefinition>? _columns;

    public SqlToken First => Code[0];

    // CREATE INDEX ... ON [ONLY] table: the table whose writes the build blocks.
    private string? IndexedTable()
    {
        var on = IndexKeyword < 0 ? -1 : Code.IndexOfWords("ON");
        if (on < 0) return null;
        var i = Code.Skip(on + 1, "ONLY");
        return Code.ReadName(ref i);
    }

    private static string? CreatedTableName(IReadOnlyList<SqlToken> code)
    {
        var i = code.Skip(code.Skip(code.Skip(1, "TEMP"), "TEMPORARY"), "UNLOGGED");
        if (!code.StartsWith("CREATE") || !code.IsWord(i, "TABLE") || code.HasWordsAt(i + 1, "IF", "NOT", "EXISTS")) return null;
        i++;
        return code.ReadName(ref i);
    }
}
