using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class VolatileDefaultRule : AlterTableActionRule
{
    public override string Id => "GL012";
    public override string Title => "Adding a column with a volatile DEFAULT";
    public override string Why => "a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), a function of your own) is computed for every existing row, and so is an identity or serial column's next value, so PostgreSQL rewrites the table under an ACCESS EXCLUSIVE lock; constant and stable defaults such as 0, 'none' or now() are free since PostgreSQL 11";
    public override string SafeAlternative => "add the column without a default, ALTER COLUMN ... SET DEFAULT (or ADD GENERATED ... AS IDENTITY) for new rows, backfill existing rows in batches";
    public override bool PostgreSqlOnly => true;

    protected override bool Matches(IReadOnlyList<SqlToken> action)
    {
        var column = AlterTable.ColumnDefinitionStart(action);
        if (column < 0) return false;
        if (ColumnTypes.IsSerial(action, column + 1) || action.ContainsWords("AS", "IDENTITY")) return true;
        return DefaultExpression.Of(action) is { } value && DefaultExpression.VolatileCall(value) is not null;
    }
}
