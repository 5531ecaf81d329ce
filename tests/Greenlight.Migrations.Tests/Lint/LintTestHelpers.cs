using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Tests.Lint;

/// <summary>One statement that triggers each rule, shared by the rule, literal and dialect tests.</summary>
internal static class LintSamples
{
    public static readonly IReadOnlyDictionary<string, string> ByRule = new Dictionary<string, string>
    {
        ["GL001"] = "DROP TABLE users",
        ["GL002"] = "ALTER TABLE users DROP COLUMN email",
        ["GL003"] = "ALTER TABLE users RENAME COLUMN email TO mail",
        ["GL004"] = "ALTER TABLE users ADD COLUMN age int NOT NULL",
        ["GL005"] = "ALTER TABLE users ALTER COLUMN age TYPE bigint",
        ["GL006"] = "ALTER TABLE users ALTER COLUMN age SET NOT NULL",
        ["GL007"] = "CREATE INDEX ix_users_age ON users (age)",
        ["GL008"] = "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id)",
        ["GL009"] = "ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE (email)",
        ["GL010"] = "TRUNCATE users",
        ["GL011"] = "DROP INDEX ix_users_age",
    };

    public static IReadOnlyList<LintFinding> Lint(string sql, DatabaseProvider dialect = DatabaseProvider.PostgreSql, MigrationPhase? phase = null) =>
        SqlLinter.Lint(sql, "V2__test.sql", dialect, phase);

    /// <summary>Lints and asserts exactly one finding, of the given rule.</summary>
    public static LintFinding Single(string sql, string ruleId, DatabaseProvider dialect = DatabaseProvider.PostgreSql)
    {
        var finding = Assert.Single(Lint(sql, dialect));
        Assert.Equal(ruleId, finding.RuleId);
        return finding;
    }

    public static void AssertAt(this LintFinding finding, int line, int column)
    {
        Assert.Equal(line, finding.Line);
        Assert.Equal(column, finding.Column);
    }
}
