using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

/// <summary>A rule about one ALTER TABLE action; it fires at the first token of each matching action.</summary>
internal abstract class AlterTableActionRule : LintRule
{
    public sealed override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.AlterTable?.Actions.Where(Matches).Select(action => action[0]) ?? [];

    protected abstract bool Matches(IReadOnlyList<SqlToken> action);
}
