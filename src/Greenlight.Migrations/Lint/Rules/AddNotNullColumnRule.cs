using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class AddNotNullColumnRule : AlterTableActionRule
{
    public override string Id => "GL004";
    public override string Title => "Adding a NOT NULL column without a default";
    public override string Why => "it fails on a table that has rows, and once added, inserts from the revision still serving (which does not know the column) fail";
    public override string SafeAlternative => "add the column with a DEFAULT, or nullable and backfill, then add NOT NULL in a later step";
    public override LintSeverity Severity => LintSeverity.High;

    // Identity and serial columns fill themselves, like a default. DEFAULT NULL is no default, and the DEFAULT
    // of REFERENCES ... ON DELETE SET DEFAULT is not the column's.
    protected override bool Matches(IReadOnlyList<SqlToken> action)
    {
        var column = AlterTable.ColumnDefinitionStart(action);
        var hasDefault = DefaultExpression.Of(action) is { } value && !DefaultExpression.IsNull(value);
        return column >= 0
            && action.ContainsWords("NOT", "NULL")
            && !hasDefault
            && !action.ContainsWords("GENERATED")
            && !ColumnTypes.IsSerial(action, column + 1);
    }
}
