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
        ["GL012"] = "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()",
        ["GL013"] = "ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (price * quantity) STORED",
        ["GL014"] = "VACUUM FULL users",
        ["GL015"] = "REINDEX TABLE users",
        ["GL016"] = "ALTER TABLE events DETACH PARTITION events_2020",
        ["GL017"] = "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%')",
        ["GL018"] = "LOCK TABLE users",
        ["GL019"] = "ALTER TABLE users ADD COLUMN nickname text",
        ["GL020"] = "COMMIT",
        ["GL021"] = "BEGIN; CREATE INDEX CONCURRENTLY ix_users_age ON users (age)",
        ["GL022"] = "DROP DATABASE shop",
        ["GL023"] = "ALTER TABLE users ALTER COLUMN email DROP NOT NULL",
        ["GL024"] = "ALTER TABLE orders ADD COLUMN buyer_id integer REFERENCES users (id) NOT VALID",
        ["GL025"] = "ALTER TABLE users ADD COLUMN country char(2)",
        ["GL026"] = "ALTER TABLE users ADD COLUMN nickname varchar(40)",
        ["GL027"] = "ALTER TABLE users ADD COLUMN seen_at timestamp",
        ["GL028"] = "ALTER TABLE users ADD COLUMN number bigserial",
        ["GL029"] = "ALTER TABLE users ADD COLUMN preferred_name_as_the_user_typed_it_on_the_account_settings_page_in_2025 text",
    };

    /// <summary>The samples' options: GL019 is opt-in.</summary>
    public static readonly LintOptions Options = new() { RequireLockTimeout = true };

    /// <summary>Lints with the default options, or with <see cref="Options"/> for the sample of an opt-in rule.</summary>
    public static IReadOnlyList<LintFinding> Lint(string sql, DatabaseProvider dialect = DatabaseProvider.PostgreSql, MigrationPhase? phase = null, LintOptions? options = null) =>
        SqlLinter.Lint(sql, "V2__test.sql", dialect, phase, options);

    /// <summary>Lints and asserts exactly one finding, of the given rule.</summary>
    public static LintFinding Single(string sql, string ruleId, DatabaseProvider dialect = DatabaseProvider.PostgreSql, LintOptions? options = null)
    {
        var finding = Assert.Single(Lint(sql, dialect, options: options));
        Assert.Equal(ruleId, finding.RuleId);
        return finding;
    }

    public static void AssertAt(this LintFinding finding, int line, int column)
    {
        Assert.Equal(line, finding.Line);
        Assert.Equal(column, finding.Column);
    }
}
