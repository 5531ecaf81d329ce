namespace Greenlight.Migrations.Tests.Lint;

// GL012–GL018: each rule's true positive at its position, and the near miss that must stay silent.
public sealed class LockingRuleTests
{
    [Theory]
    [InlineData("ALTER TABLE users\n  ADD COLUMN token uuid DEFAULT gen_random_uuid();")]
    [InlineData("ALTER TABLE users\n  ADD COLUMN r float8 NOT NULL DEFAULT random() * 10;")]
    [InlineData("ALTER TABLE users\n  ADD COLUMN seen timestamptz DEFAULT clock_timestamp();")]
    [InlineData("ALTER TABLE users\n  ADD COLUMN n bigint DEFAULT nextval('users_n_seq'::regclass);")]
    [InlineData("ALTER TABLE users\n  ADD COLUMN code text DEFAULT app.new_code();")]
    public void Lint_AddColumnWithVolatileDefault_ReportsGL012(string sql) =>
        LintSamples.Single(sql, "GL012").AssertAt(2, 3);

    [Theory]
    [InlineData("ALTER TABLE users ADD COLUMN flags int NOT NULL DEFAULT 0")]
    [InlineData("ALTER TABLE users ADD COLUMN state text NOT NULL DEFAULT 'new'::text")]
    [InlineData("ALTER TABLE users ADD COLUMN created timestamptz NOT NULL DEFAULT now()")]
    [InlineData("ALTER TABLE users ADD COLUMN created timestamptz DEFAULT CURRENT_TIMESTAMP")]
    [InlineData("ALTER TABLE users ADD COLUMN tags text[] DEFAULT ARRAY[]::text[]")]
    [InlineData("ALTER TABLE users ADD COLUMN code text DEFAULT CAST(1 AS varchar(10))")]
    [InlineData("ALTER TABLE users ADD COLUMN meta jsonb DEFAULT jsonb_build_object('v', 1)")]
    [InlineData("ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid()")]
    [InlineData("ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (price * quantity) VIRTUAL")]
    [InlineData("ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY")]
    [InlineData("VACUUM users")]
    [InlineData("VACUUM (ANALYZE, FULL false) users")]
    [InlineData("REINDEX INDEX CONCURRENTLY ix_users_age")]
    [InlineData("REINDEX (CONCURRENTLY) TABLE users")]
    [InlineData("ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY")]
    [InlineData("ALTER TABLE events DETACH PARTITION events_2020 FINALIZE")]
    [InlineData("ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT VALID")]
    [InlineData("ALTER DOMAIN email VALIDATE CONSTRAINT has_at")]
    [InlineData("LOCK TABLE users IN ROW EXCLUSIVE MODE")]
    [InlineData("LOCK TABLE users IN SHARE UPDATE EXCLUSIVE MODE")]
    [InlineData("LOCK users IN ACCESS SHARE MODE")]
    public void Lint_NearMissOfALockingRule_ReportsNothing(string sql) =>
        Assert.Empty(LintSamples.Lint(sql));

    [Fact]
    public void Lint_AddStoredGeneratedColumn_ReportsGL013() =>
        LintSamples.Single("SELECT 1;\nALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (price * quantity) STORED;", "GL013").AssertAt(2, 20);

    [Theory]
    [InlineData("VACUUM FULL users;")]
    [InlineData("VACUUM (FULL, ANALYZE) users;")]
    [InlineData("CLUSTER users USING users_pkey;")]
    public void Lint_VacuumFullOrCluster_ReportsGL014(string sql) =>
        LintSamples.Single("SELECT 1;\n  " + sql, "GL014").AssertAt(2, 3);

    [Theory]
    [InlineData("REINDEX TABLE users;")]
    [InlineData("REINDEX (VERBOSE) INDEX ix_users_age;")]
    public void Lint_ReindexWithoutConcurrently_ReportsGL015(string sql) =>
        LintSamples.Single(sql, "GL015").AssertAt(1, 1);

    [Fact]
    public void Lint_DetachPartition_ReportsGL016() =>
        LintSamples.Single("ALTER TABLE events\n  DETACH PARTITION events_2020;", "GL016").AssertAt(2, 3);

    [Fact]
    public void Lint_AlterDomainAddConstraint_ReportsGL017AtAdd() =>
        LintSamples.Single("ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%');", "GL017").AssertAt(1, 20);

    [Theory]
    [InlineData("LOCK TABLE users;")]
    [InlineData("LOCK users IN SHARE MODE;")]
    [InlineData("LOCK TABLE ONLY users IN ACCESS EXCLUSIVE MODE NOWAIT;")]
    public void Lint_LockTableInABlockingMode_ReportsGL018(string sql) =>
        LintSamples.Single(sql, "GL018").AssertAt(1, 1);
}
