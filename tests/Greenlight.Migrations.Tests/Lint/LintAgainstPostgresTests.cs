using Npgsql;

namespace Greenlight.Migrations.Tests.Lint;

/// <summary>
/// The linter's judgement checked against a real PostgreSQL: a rewrite rule fires exactly when the table's file
/// (pg_relation_filenode) changes, and what GL004 or GL021 calls broken fails on a table with rows.
/// </summary>
public sealed class LintAgainstPostgresTests
{
    private static async Task<TestDatabase> TableWithRowsAsync()
    {
        var db = await TestDatabase.CreateAsync("postgresql");
        await db.ExecuteAsync("CREATE TABLE p (id bigint PRIMARY KEY); INSERT INTO p VALUES (0);\nCREATE TABLE t (a int); INSERT INTO t SELECT generate_series(1, 100);");
        return db;
    }

    [Theory]
    [InlineData("ADD COLUMN c int NOT NULL DEFAULT 5", false)]
    [InlineData("ADD COLUMN c timestamptz NOT NULL DEFAULT now()", false)]
    [InlineData("ADD COLUMN c timestamptz DEFAULT CURRENT_TIMESTAMP", false)]
    [InlineData("ADD COLUMN c varchar DEFAULT 'x'::character varying(10)", false)]
    [InlineData("ADD COLUMN c text[] DEFAULT ARRAY[]::text[]", false)]
    [InlineData("ADD COLUMN c jsonb DEFAULT jsonb_build_object('v', 1)", false)]
    [InlineData("ADD COLUMN c float8 DEFAULT random()", true)]
    [InlineData("ADD COLUMN c uuid DEFAULT gen_random_uuid()", true)]
    [InlineData("ADD COLUMN c timestamptz DEFAULT clock_timestamp()", true)]
    [InlineData("ADD COLUMN c bigint GENERATED ALWAYS AS IDENTITY", true)]
    [InlineData("ADD COLUMN c bigserial", true)]
    [InlineData("ADD COLUMN c int GENERATED ALWAYS AS (a * 2) STORED", true)]
    public async Task Lint_RewriteRules_FireExactlyWhenPostgreSqlRewritesTheTable(string action, bool rewrites)
    {
        await using var db = await TableWithRowsAsync();
        var sql = $"ALTER TABLE t {action}";
        var before = await db.ScalarAsync<long>("SELECT pg_relation_filenode('t')::bigint");

        await db.ExecuteAsync(sql);

        Assert.Equal(rewrites, await db.ScalarAsync<long>("SELECT pg_relation_filenode('t')::bigint") != before);
        Assert.Equal(rewrites, LintSamples.Lint(sql).Any(f => f.RuleId is "GL012" or "GL013"));
    }

    [Theory]
    [InlineData("ADD COLUMN c bigint NOT NULL DEFAULT NULL", true)]
    [InlineData("ADD COLUMN c bigint NOT NULL REFERENCES p (id) ON DELETE SET DEFAULT", true)]
    [InlineData("ADD COLUMN c bigint NOT NULL DEFAULT 0 REFERENCES p (id) ON DELETE SET DEFAULT", false)]
    [InlineData("ADD COLUMN c bigint NOT NULL DEFAULT 0", false)]
    public async Task Lint_GL004_FiresExactlyWhenTheColumnCannotBeAddedToATableWithRows(string action, bool fails)
    {
        await using var db = await TableWithRowsAsync();
        var sql = $"ALTER TABLE t {action}";

        var error = await Record.ExceptionAsync(() => db.ExecuteAsync(sql));

        Assert.Equal(fails, error is PostgresException { SqlState: "23502" });
        Assert.Equal(fails, LintSamples.Lint(sql).Any(f => f.RuleId == "GL004"));
    }

    [Fact]
    public async Task Lint_GL021_ConcurrentIndexAfterBegin_IsWhatPostgreSqlRefuses()
    {
        await using var db = await TableWithRowsAsync();
        const string Sql = "BEGIN;\nCREATE INDEX CONCURRENTLY ix_t_a ON t (a);\nCOMMIT;";

        var error = await Record.ExceptionAsync(() => db.ExecuteAsync(Sql));

        Assert.Equal("25001", Assert.IsType<PostgresException>(error).SqlState); // active_sql_transaction
        Assert.Contains("GL021", LintSamples.Lint(Sql).Select(f => f.RuleId));
    }
}
