using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

/// <summary>
/// Type advice about a column's declared type (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE): Low severity, switched
/// off together with <see cref="LintOptions.TypeAdvice"/>, and about new tables as much as old ones.
/// </summary>
internal abstract class ColumnTypeRule : LintRule
{
    public sealed override LintSeverity Severity => LintSeverity.Low;
    public sealed override bool TypeAdvice => true;
    public sealed override bool PostgreSqlOnly => true;
    public sealed override bool SparesNewTables => false;

    public sealed override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Columns.Where(column => Matches(column.Tokens, column.TypeStart, column.IsKey)).Select(column => column.Tokens[column.TypeStart]);

    /// <summary>Whether the type written at <paramref name="type"/> is one the rule advises against.</summary>
    protected abstract bool Matches(IReadOnlyList<SqlToken> tokens, int type, bool isKey);
}
