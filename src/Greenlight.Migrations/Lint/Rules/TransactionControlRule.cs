using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class TransactionControlRule : LintRule
{
    public override string Id => "GL020";
    public override string Title => "Transaction control inside a script";
    public override string Why => "the migrator runs each script in its own transaction and writes its history row in it; a COMMIT or ROLLBACK in the script ends that transaction halfway, so a later failure leaves part of the script applied with no history row, and BEGIN cannot nest";
    public override string SafeAlternative => "remove BEGIN, COMMIT and ROLLBACK (savepoints are fine): the script is already one transaction; split work that must commit separately into separate scripts";
    public override LintSeverity Severity => LintSeverity.High;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Transaction is not null ? [statement.First] : [];
}
