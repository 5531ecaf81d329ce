using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class ValidatedConstraintRule : AlterTableActionRule
{
    public override string Id => "GL008";
    public override string Title => "Adding a foreign key or CHECK constraint without NOT VALID";
    public override string Why => "PostgreSQL checks every existing row while holding a lock that blocks the serving revision's writes (for a foreign key, on both tables)";
    public override string SafeAlternative => "ADD CONSTRAINT ... NOT VALID, then ALTER TABLE ... VALIDATE CONSTRAINT in a separate statement, which takes a weaker lock";
    public override bool PostgreSqlOnly => true;

    // An inline REFERENCES on a new column validates the same way and cannot be NOT VALID.
    protected override bool Matches(IReadOnlyList<SqlToken> action)
    {
        var kind = AlterTable.ConstraintKindStart(action);
        var isCheckOrForeignKey = action.IsWord(kind, "CHECK") || action.IsWord(kind, "FOREIGN");
        var isInlineReference = AlterTable.ColumnDefinitionStart(action) >= 0 && action.ContainsWords("REFERENCES");
        return (isCheckOrForeignKey && !action.ContainsWords("NOT", "VALID")) || isInlineReference;
    }
}
