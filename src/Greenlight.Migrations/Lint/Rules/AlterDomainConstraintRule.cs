using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class AlterDomainConstraintRule : LintRule
{
    public override string Id => "GL017";
    public override string Title => "ALTER DOMAIN ... ADD CONSTRAINT";
    public override string Why => "PostgreSQL checks every column of every table that uses the domain, locking each of those tables against writes while it scans";
    public override string SafeAlternative => "add the constraint NOT VALID, then ALTER DOMAIN ... VALIDATE CONSTRAINT in a separate statement; or put a CHECK on the tables' columns (NOT VALID, then VALIDATE) instead of on the domain";
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script)
    {
        var code = statement.Code;
        if (!code.StartsWith("ALTER", "DOMAIN") || code.ContainsWords("NOT", "VALID")) return [];
        var add = code.IndexOfWords("ADD");
        return add > 0 ? [code[add]] : [];
    }
}
