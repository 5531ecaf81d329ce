using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class DropIndexRule : LintRule
{
    public override string Id => "GL011";
    public override string Title => "DROP INDEX without CONCURRENTLY";
    public override string Why => "it takes an ACCESS EXCLUSIVE lock on the index's table, blocking every read and write of the serving revision while it waits and runs";
    public override string SafeAlternative => "DROP INDEX CONCURRENTLY (outside a transaction)";
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Code.StartsWith("DROP", "INDEX") && !statement.Code.IsWord(2, "CONCURRENTLY") ? [statement.First] : [];
}
