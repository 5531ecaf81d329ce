using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class ChangeColumnTypeRule : AlterTableActionRule
{
    public override string Id => "GL005";
    public override string Title => "Changing a column type";
    public override string Why => "most type changes rewrite the table under an ACCESS EXCLUSIVE lock, and the revision still serving may not read or write the new type";
    public override string SafeAlternative => "add a column of the new type, write to both and backfill, switch reads, then drop the old column in a contract script";
    public override bool PostgreSqlOnly => true;

    protected override bool Matches(IReadOnlyList<SqlToken> action)
    {
        var tail = AlterTable.AlterColumnTail(action);
        return tail >= 0 && (action.IsWord(tail, "TYPE") || action.HasWordsAt(tail, "SET", "DATA", "TYPE"));
    }
}
