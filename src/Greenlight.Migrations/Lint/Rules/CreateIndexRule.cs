using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class CreateIndexRule : LintRule
{
    public override string Id => "GL007";
    public override string Title => "CREATE INDEX without CONCURRENTLY";
    public override string Why => "building the index holds a SHARE lock that blocks every write of the serving revision until the build finishes";
    public override string SafeAlternative => "CREATE INDEX CONCURRENTLY (outside a transaction; drop and retry if it fails and leaves an INVALID index)";
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.IndexKeyword >= 0 && !statement.Code.IsWord(statement.IndexKeyword + 1, "CONCURRENTLY") ? [statement.First] : [];
}
