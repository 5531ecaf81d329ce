namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>
/// A column a statement defines or retypes: each column of CREATE TABLE, ALTER TABLE ... ADD [COLUMN], and
/// ALTER COLUMN ... [SET DATA] TYPE. <see cref="TypeStart"/> is where its type is written in <see cref="Tokens"/>.
/// </summary>
internal sealed record ColumnDefinition(IReadOnlyList<SqlToken> Tokens, int TypeStart, bool IsKey)
{
    private static readonly string[] TableConstraintStarts = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE"];

    public static IReadOnlyList<ColumnDefinition> Of(SqlStatement statement)
    {
        if (statement.AlterTable is { } alter) return [.. alter.Actions.Select(FromAction).OfType<ColumnDefinition>()];
        return statement.Code.StartsWith("CREATE") && statement.Code.IndexOfWords("TABLE") is var table and > 0 and < 4
            ? FromCreateTable(statement.Code, table)
            : [];
    }

    // ADD [COLUMN] name type ...: a key when it carries PRIMARY KEY or REFERENCES itself.
    private static ColumnDefinition? FromAction(IReadOnlyList<SqlToken> action)
    {
        if (AlterTable.ColumnDefinitionStart(action) is var column and >= 0 && column + 1 < action.Count)
            return new(action, column + 1, IsInlineKey(action));
        var tail = AlterTable.AlterColumnTail(action);
        if (tail < 0) return null;
        var type = action.IsWord(tail, "TYPE") ? tail + 1 : action.HasWordsAt(tail, "SET", "DATA", "TYPE") ? tail + 3 : -1;
        return type >= 0 && type < action.Count ? new(action, type, IsKey: false) : null;
    }

    private static List<ColumnDefinition> FromCreateTable(IReadOnlyList<SqlToken> code, int table)
    {
        var i = code.Skip(table + 1, "IF", "NOT", "EXISTS");
        if (code.ReadName(ref i) is null || i >= code.Count || !code[i].IsSymbol('(')) return [];
        var elements = Elements(code, i + 1);
        var tableKeys = elements.Where(IsTableKey).SelectMany(KeyColumns).ToHashSet(StringComparer.Ordinal);
        return [.. from element in elements
                   where element.Count > 1 && !TableConstraintStarts.Any(element[0].IsWord)
                   let name = Name(element[0])
                   select new ColumnDefinition(element, 1, IsInlineKey(element) || tableKeys.Contains(name))];
    }

    // The comma-separated elements inside CREATE TABLE's parentheses, each without its comma.
    private static List<List<SqlToken>> Elements(IReadOnlyList<SqlToken> code, int start)
    {
        var elements = new List<List<SqlToken>> { new() };
        var depth = 0;
        for (var i = start; i < code.Count; i++)
        {
            var token = code[i];
            if (token.IsSymbol(')') && depth == 0) break;
            if (token.IsSymbol('(')) depth++;
            else if (token.IsSymbol(')')) depth--;
            if (depth == 0 && token.IsSymbol(',')) elements.Add([]);
            else elements[^1].Add(token);
        }
        return elements;
    }

    private static bool IsInlineKey(IReadOnlyList<SqlToken> tokens) =>
        tokens.ContainsWords("PRIMARY", "KEY") || tokens.ContainsWords("REFERENCES");

    private static bool IsTableKey(List<SqlToken> element) =>
        element.ContainsWords("PRIMARY", "KEY") || element.ContainsWords("FOREIGN", "KEY");

    // PRIMARY KEY (a, b) or FOREIGN KEY (a): the names in the first parentheses after KEY.
    private static IEnumerable<string> KeyColumns(List<SqlToken> element)
    {
        var open = element.FindIndex(element.IndexOfWords("KEY"), t => t.IsSymbol('('));
        if (open < 0) yield break;
        for (var i = open + 1; i < element.Count && !element[i].IsSymbol(')'); i++)
        {
            if (element[i].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier) yield return Name(element[i]);
        }
    }

    private static string Name(SqlToken token)
    {
        var i = 0;
        return new[] { token }.ReadName(ref i) ?? "";
    }
}
