using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class TruncateRule : LintRule
{
    public override string Id => "GL010";
    public override string Title => "TRUNCATE";
    public override string Why => "it deletes every row the serving revision relies on, under an ACCESS EXCLUSIVE lock, and a rollback cannot bring the data back";
    public override string SafeAlternative => "delete only the rows that must go, in batches, or truncate in a contract script once nothing reads the table";
    public override bool Destructive => true;
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Code.StartsWith("TRUNCATE") ? [statement.First] : [];
}
