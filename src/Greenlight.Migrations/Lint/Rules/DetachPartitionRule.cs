using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class DetachPartitionRule : AlterTableActionRule
{
    public override string Id => "GL016";
    public override string Title => "DETACH PARTITION without CONCURRENTLY";
    public override string Why => "it takes an ACCESS EXCLUSIVE lock on the partitioned table, blocking every read and write of the serving revision on all its partitions";
    public override string SafeAlternative => "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+, outside a transaction; FINALIZE completes one that was interrupted)";
    public override bool PostgreSqlOnly => true;

    protected override bool Matches(IReadOnlyList<SqlToken> action) =>
        action.StartsWith("DETACH", "PARTITION") && !action.ContainsWords("CONCURRENTLY") && !action.ContainsWords("FINALIZE");
}
