using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class SetNotNullRule : AlterTableActionRule
{
    public override string Id => "GL006";
    public override string Title => "SET NOT NULL on an existing column";
    public override string Why => "PostgreSQL scans the whole table to check it while holding an ACCESS EXCLUSIVE lock, blocking every read and write of the serving revision; inserts from it that omit the column start failing";
    public override string SafeAlternative => "ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT; PostgreSQL 12+ then uses it to SET NOT NULL without a scan";
    public override bool PostgreSqlOnly => true;

    protected override bool Matches(IReadOnlyList<SqlToken> action) =>
        AlterTable.AlterColumnTail(action) is var tail and >= 0 && action.HasWordsAt(tail, "SET", "NOT", "NULL");
}
