namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>The DEFAULT clause of a column definition, and what PostgreSQL does with it.</summary>
internal static class DefaultExpression
{
    // Words that start the next column constraint, so end the default expression.
    private static readonly string[] ConstraintWords =
        ["NOT", "NULL", "CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "REFERENCES", "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY"];

    // Built-in functions that are not VOLATILE (pg_proc.provolatile <> 'v') and usual in defaults; SQL constructs
    // written like calls. Any other function counts as volatile: so is a function you create, unless declared otherwise.
    private static readonly HashSet<string> NonVolatileFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "now", "statement_timestamp", "transaction_timestamp", "current_setting", "current_schema", "current_database",
        "lower", "upper", "btrim", "trim", "concat", "concat_ws", "length", "md5", "replace", "substring", "left", "right",
        "coalesce", "nullif", "greatest", "least", "cast", "array", "row",
        "to_char", "to_date", "to_timestamp", "to_number", "to_json", "to_jsonb",
        "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array",
        "make_date", "make_time", "make_timestamp", "make_timestamptz", "make_interval", "date_trunc", "date_part",
        "extract", "timezone", "abs", "round", "floor", "ceil", "power",
        "current_timestamp", "current_time", "localtimestamp", "localtime",
        // Type names with modifiers, as in 'x'::character varying(10): casts, not calls.
        "varying", "varchar", "char", "character", "numeric", "decimal", "timestamp", "time", "interval", "bit", "float",
    };

    /// <summary>The tokens of the expression after DEFAULT, or null when the column has no default.</summary>
    public static IReadOnlyList<SqlToken>? Of(IReadOnlyList<SqlToken> column)
    {
        var depth = 0;
        for (var i = 0; i < column.Count; i++)
        {
            depth += column[i].IsSymbol('(') ? 1 : column[i].IsSymbol(')') ? -1 : 0;
            // ... ON DELETE SET DEFAULT is a foreign key action, not the column's default.
            if (depth == 0 && column[i].IsWord("DEFAULT") && !column.IsWord(i - 1, "SET")) return Expression(column, i + 1);
        }
        return null;
    }

    /// <summary>DEFAULT NULL, (NULL) or NULL::type: no default at all.</summary>
    public static bool IsNull(IReadOnlyList<SqlToken> expression)
    {
        var code = expression.Where(t => !t.IsSymbol('(') && !t.IsSymbol(')')).ToList();
        return code.Count > 0 && code[0].IsWord("NULL") && (code.Count == 1 || code[1].IsSymbol(':'));
    }

    /// <summary>The first call of a function that may be volatile, or null when the expression is not volatile.</summary>
    public static SqlToken? VolatileCall(IReadOnlyList<SqlToken> expression)
    {
        for (var i = 0; i + 1 < expression.Count; i++)
        {
            var call = expression[i].Kind == SqlTokenKind.Word && expression[i + 1].IsSymbol('(') && !IsTypeName(expression, i);
            if (call && !NonVolatileFunctions.Contains(expression[i].Text)) return expression[i];
        }
        return null;
    }

    // varchar(10) in 'x'::varchar(10) or CAST(x AS numeric(10, 2)) is a type, not a call.
    private static bool IsTypeName(IReadOnlyList<SqlToken> expression, int i) =>
        (i > 0 && expression[i - 1].IsSymbol(':')) || expression.IsWord(i - 1, "AS");

    private static List<SqlToken> Expression(IReadOnlyList<SqlToken> column, int start)
    {
        var expression = new List<SqlToken>();
        var depth = 0;
        for (var i = start; i < column.Count; i++)
        {
            var token = column[i];
            if (expression.Count > 0 && depth == 0 && ConstraintWords.Any(token.IsWord)) break;
            depth += token.IsSymbol('(') ? 1 : token.IsSymbol(')') ? -1 : 0;
            expression.Add(token);
        }
        return expression;
    }
}
