using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class RewriteTableRule : LintRule
{
    public override string Id => "GL014";
    public override string Title => "VACUUM FULL or CLUSTER";
    public override string Why => "both rewrite the whole table while holding an ACCESS EXCLUSIVE lock, blocking every read and write of the serving revision until they finish";
    public override string SafeAlternative => "pg_repack outside the migration, or REPACK (CONCURRENTLY) on PostgreSQL 19+; plain VACUUM takes no such lock";
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Code.StartsWith("CLUSTER") || (statement.Code.StartsWith("VACUUM") && IsFull(statement.Code)) ? [statement.First] : [];

    // VACUUM FULL t, VACUUM (FULL) t, VACUUM (ANALYZE, FULL true) t; not VACUUM (FULL false).
    private static bool IsFull(IReadOnlyList<SqlToken> code)
    {
        var full = code.IndexOfWords("FULL");
        return full > 0 && !(code.IsWord(full + 1, "FALSE") || code.IsWord(full + 1, "OFF") || code.IsWord(full + 1, "0"));
    }
}
