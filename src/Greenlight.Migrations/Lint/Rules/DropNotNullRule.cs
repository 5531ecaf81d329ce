using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class DropNotNullRule : AlterTableActionRule
{
    public override string Id => "GL023";
    public override string Title => "DROP NOT NULL on an existing column";
    public override string Why => "the revision still serving was written knowing the column is never NULL; once new code writes NULLs, its reads fail or misbehave";
    public override string SafeAlternative => "make the serving code cope with NULL in one release, then drop NOT NULL in a contract script";
    public override bool Destructive => true;
    public override bool PostgreSqlOnly => true;

    // Nobody reads a table created earlier in the same script, so nobody can be surprised by its NULLs.
    public override bool SparesNewTables => true;

    protected override bool Matches(IReadOnlyList<SqlToken> action) =>
        AlterTable.AlterColumnTail(action) is var tail and >= 0 && action.HasWordsAt(tail, "DROP", "NOT", "NULL");
}
