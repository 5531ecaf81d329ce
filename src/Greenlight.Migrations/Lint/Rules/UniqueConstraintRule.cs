using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class UniqueConstraintRule : AlterTableActionRule
{
    public override string Id => "GL009";
    public override string Title => "Adding a UNIQUE or PRIMARY KEY constraint without USING INDEX";
    public override string Why => "PostgreSQL builds the index while holding an ACCESS EXCLUSIVE lock, blocking every read and write of the serving revision";
    public override string SafeAlternative => "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX (or PRIMARY KEY USING INDEX)";
    public override bool PostgreSqlOnly => true;

    // A UNIQUE or PRIMARY KEY inline on a new column builds the same index under the same lock.
    protected override bool Matches(IReadOnlyList<SqlToken> action)
    {
        var kind = AlterTable.ConstraintKindStart(action);
        var isConstraint = action.IsWord(kind, "UNIQUE") || action.HasWordsAt(kind, "PRIMARY", "KEY");
        var isInline = AlterTable.ColumnDefinitionStart(action) >= 0
            && (action.ContainsWords("UNIQUE") || action.ContainsWords("PRIMARY", "KEY"));
        return (isConstraint && !action.ContainsWords("USING", "INDEX")) || isInline;
    }
}
