using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class DropColumnRule : AlterTableActionRule
{
    public override string Id => "GL002";
    public override string Title => "Dropping a column";
    public override string Why => "the revision still serving selects or inserts this column and fails; the data is lost for a rollback";
    public override string SafeAlternative => "stop reading and writing the column in a release first, then drop it in a contract script";
    public override bool Destructive => true;

    // PostgreSQL allows DROP name without COLUMN; DROP CONSTRAINT is not about a column.
    protected override bool Matches(IReadOnlyList<SqlToken> action) =>
        action.IsWord(0, "DROP") && !action.IsWord(1, "CONSTRAINT");
}
