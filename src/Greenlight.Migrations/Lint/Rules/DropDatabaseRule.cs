using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class DropDatabaseRule : LintRule
{
    public override string Id => "GL022";
    public override string Title => "DROP DATABASE";
    public override string Why => "it deletes a whole database, every table of every revision, and cannot be rolled back; it has no place in an application's migrations in either phase";
    public override string SafeAlternative => "drop databases by hand or with infrastructure tooling, after a backup";
    public override LintSeverity Severity => LintSeverity.High;
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Code.StartsWith("DROP", "DATABASE") ? [statement.First] : [];
}
