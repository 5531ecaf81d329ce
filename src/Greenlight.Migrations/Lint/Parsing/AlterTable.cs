namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>
/// ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, action ...]: most dangerous changes are
/// one action of such a statement, so rules look at the actions one by one.
/// </summary>
internal sealed record AlterTable(string Table, IReadOnlyList<IReadOnlyList<SqlToken>> Actions)
{
    private static readonly string[] ConstraintStarts = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE"];

    public static AlterTable? Parse(IReadOnlyList<SqlToken> code)
    {
        if (!code.StartsWith("ALTER", "TABLE")) return null;
        var i = code.Skip(code.Skip(2, "IF", "EXISTS"), "ONLY");
        if (code.ReadName(ref i) is not { } table) return null;
        if (i < code.Count && code[i].IsSymbol('*')) i++;
        return new AlterTable(table, SplitActions(code, i));
    }

    /// <summary>For ADD [COLUMN] [IF NOT EXISTS] name type ...: the index of the column name, else -1.</summary>
    public static int ColumnDefinitionStart(IReadOnlyList<SqlToken> action)
    {
        if (!action.IsWord(0, "ADD")) return -1;
        var i = action.Skip(action.Skip(1, "COLUMN"), "IF", "NOT", "EXISTS");
        return i < action.Count && !ConstraintStarts.Any(action[i].IsWord) ? i : -1;
    }

    /// <summary>For ADD [CONSTRAINT name] kind ...: the index of the constraint kind, else -1.</summary>
    public static int ConstraintKindStart(IReadOnlyList<SqlToken> action)
    {
        if (!action.IsWord(0, "ADD")) return -1;
        return action.IsWord(1, "CONSTRAINT") ? 3 : ColumnDefinitionStart(action) < 0 ? 1 : -1;
    }

    /// <summary>For ALTER [COLUMN] name ...: the index just past the column name, else -1.</summary>
    public static int AlterColumnTail(IReadOnlyList<SqlToken> action)
    {
        if (!action.IsWord(0, "ALTER")) return -1;
        var i = action.Skip(1, "COLUMN");
        return action.ReadName(ref i) is null ? -1 : i;
    }

    // Actions are separated by commas outside parentheses: ADD CHECK (a in (1, 2)) is one action.
    private static List<IReadOnlyList<SqlToken>> SplitActions(IReadOnlyList<SqlToken> code, int start)
    {
        var actions = new List<IReadOnlyList<SqlToken>>();
        var current = new List<SqlToken>();
        var depth = 0;
        for (var i = start; i < code.Count; i++)
        {
            var token = code[i];
            if (token.IsSymbol('(')) depth++;
            else if (token.IsSymbol(')')) depth--;
            if (depth == 0 && token.IsSymbol(','))
            {
                actions.Add(current);
                current = [];
                continue;
            }
            current.Add(token);
        }
        if (current.Count > 0) actions.Add(current);
        return actions;
    }
}
