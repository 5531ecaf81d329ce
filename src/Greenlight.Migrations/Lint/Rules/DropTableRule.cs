using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class DropTableRule : LintRule
{
    public override string Id => "GL001";
    public override string Title => "Dropping a table or schema";
    public override string Why => "the revision still serving reads and writes the table (or the tables in the schema) and fails as soon as it is gone; the data cannot be restored by rolling back";
    public override string SafeAlternative => "stop using the table in a release first, then drop it in a contract script";
    public override bool Destructive => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Code.StartsWith("DROP", "TABLE") || statement.Code.StartsWith("DROP", "SCHEMA") ? [statement.First] : [];
}
