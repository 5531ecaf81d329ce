using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class StoredGeneratedColumnRule : AlterTableActionRule
{
    public override string Id => "GL013";
    public override string Title => "Adding a STORED generated column";
    public override string Why => "PostgreSQL computes and writes the value into every existing row, rewriting the table under an ACCESS EXCLUSIVE lock";
    public override string SafeAlternative => "add a plain nullable column kept up to date by a trigger and backfill it in batches (or, on PostgreSQL 18+, a VIRTUAL generated column)";
    public override bool PostgreSqlOnly => true;

    // GENERATED ... AS IDENTITY fills new rows only; VIRTUAL columns are computed on read.
    protected override bool Matches(IReadOnlyList<SqlToken> action) =>
        AlterTable.ColumnDefinitionStart(action) >= 0 && action.ContainsWords("GENERATED") && action.ContainsWords("STORED");
}
