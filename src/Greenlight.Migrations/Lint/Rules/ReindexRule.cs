using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class ReindexRule : LintRule
{
    public override string Id => "GL015";
    public override string Title => "REINDEX without CONCURRENTLY";
    public override string Why => "it locks the table against writes, and the index itself with ACCESS EXCLUSIVE so that queries using it wait, until the rebuild finishes";
    public override string SafeAlternative => "REINDEX INDEX CONCURRENTLY (or TABLE CONCURRENTLY), PostgreSQL 12+, in a script of its own";
    public override bool PostgreSqlOnly => true;

    // REINDEX [ (options) ] kind [CONCURRENTLY] name; since PostgreSQL 14 also REINDEX (CONCURRENTLY) kind name.
    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Code.StartsWith("REINDEX") && !statement.Code.ContainsWords("CONCURRENTLY") ? [statement.First] : [];
}
