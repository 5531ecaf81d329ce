using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class ConcurrentInTransactionRule : LintRule
{
    public override string Id => "GL021";
    public override string Title => "CONCURRENTLY inside an explicit transaction block";
    public override string Why => "CREATE INDEX, DROP INDEX, REINDEX and DETACH PARTITION ... CONCURRENTLY cannot run inside a transaction block: after BEGIN the statement fails, and with it the script";
    public override string SafeAlternative => "remove the BEGIN/COMMIT around it: the migrator runs a script with a CONCURRENTLY statement outside a transaction by itself";
    public override LintSeverity Severity => LintSeverity.High;
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        script.InTransactionBlock && statement.Code.ContainsWords("CONCURRENTLY") ? [statement.First] : [];
}
