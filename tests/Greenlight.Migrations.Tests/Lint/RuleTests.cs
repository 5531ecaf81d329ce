using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Tests.Lint;

// Each rule's statement sits after a harmless first line and is indented, so that the
// reported line and column are checked against real positions.
public sealed class RuleTests
{
    [Fact]
    public void Lint_DropTable_ReportsGL001() =>
        LintSamples.Single("SELECT 1;\n  DROP TABLE users;", "GL001").AssertAt(2, 3);

    [Fact]
    public void Lint_DropSchema_ReportsGL001() =>
        LintSamples.Single("DROP SCHEMA IF EXISTS legacy CASCADE;", "GL001").AssertAt(1, 1);

    [Fact]
    public void Lint_DropColumn_ReportsGL002AtDropClause() =>
        LintSamples.Single("ALTER TABLE users\n    DROP COLUMN email;", "GL002").AssertAt(2, 5);

    [Fact]
    public void Lint_DropWithoutColumnKeyword_ReportsGL002() =>
        LintSamples.Single("ALTER TABLE users DROP email;", "GL002").AssertAt(1, 19);

    [Fact]
    public void Lint_RenameColumn_ReportsGL003() =>
        LintSamples.Single("SELECT 1;\nALTER TABLE users RENAME COLUMN email TO mail;", "GL003").AssertAt(2, 19);

    [Fact]
    public void Lint_RenameTable_ReportsGL003() =>
        LintSamples.Single("ALTER TABLE IF EXISTS public.users RENAME TO people;", "GL003").AssertAt(1, 36);

    [Fact]
    public void Lint_AddNotNullColumnWithoutDefault_ReportsGL004() =>
        LintSamples.Single("ALTER TABLE users\n  ADD COLUMN age int NOT NULL;", "GL004").AssertAt(2, 3);

    [Fact]
    public void Lint_AddNotNullColumnOnSqlite_ReportsGL004() =>
        LintSamples.Single("ALTER TABLE users ADD age int NOT NULL;", "GL004", DatabaseProvider.Sqlite).AssertAt(1, 19);

    [Fact]
    public void Lint_AlterColumnType_ReportsGL005() =>
        LintSamples.Single("ALTER TABLE users\n  ALTER COLUMN age TYPE bigint;", "GL005").AssertAt(2, 3);

    [Fact]
    public void Lint_AlterColumnSetDataType_ReportsGL005() =>
        LintSamples.Single("ALTER TABLE users ALTER age SET DATA TYPE bigint;", "GL005").AssertAt(1, 19);

    [Fact]
    public void Lint_SetNotNull_ReportsGL006() =>
        LintSamples.Single("ALTER TABLE users\n   ALTER COLUMN age SET NOT NULL;", "GL006").AssertAt(2, 4);

    [Fact]
    public void Lint_CreateIndex_ReportsGL007() =>
        LintSamples.Single("SELECT 1;\n CREATE UNIQUE INDEX ix ON users (email);", "GL007").AssertAt(2, 2);

    [Fact]
    public void Lint_AddForeignKey_ReportsGL008() =>
        LintSamples.Single("ALTER TABLE orders\n  ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);", "GL008").AssertAt(2, 3);

    [Fact]
    public void Lint_AddCheck_ReportsGL008() =>
        LintSamples.Single("ALTER TABLE orders ADD CHECK (total >= 0);", "GL008").AssertAt(1, 20);

    [Fact]
    public void Lint_AddColumnWithInlineReference_ReportsGL008() =>
        LintSamples.Single("ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id);", "GL008").AssertAt(1, 20);

    [Fact]
    public void Lint_AddUniqueConstraint_ReportsGL009() =>
        LintSamples.Single("ALTER TABLE users\n\tADD CONSTRAINT uq UNIQUE (email);", "GL009").AssertAt(2, 2);

    [Fact]
    public void Lint_AddPrimaryKey_ReportsGL009() =>
        LintSamples.Single("ALTER TABLE users ADD PRIMARY KEY (id);", "GL009").AssertAt(1, 19);

    [Fact]
    public void Lint_Truncate_ReportsGL010() =>
        LintSamples.Single("SELECT 1;\n\nTRUNCATE users;", "GL010").AssertAt(3, 1);

    [Fact]
    public void Lint_DropIndex_ReportsGL011() =>
        LintSamples.Single("SELECT 1; DROP INDEX ix_users_age;", "GL011").AssertAt(1, 11);

    [Fact]
    public void Lint_SeveralActions_ReportsEachAtItsClause()
    {
        var findings = LintSamples.Lint("ALTER TABLE users\n  DROP COLUMN a,\n  ALTER COLUMN b TYPE text;");

        Assert.Equal(["GL002@2:3", "GL005@3:3"], findings.Select(f => $"{f.RuleId}@{f.Line}:{f.Column}"));
    }

    [Fact]
    public void Lint_Finding_CarriesFileStatementLineAndSafeAlternative()
    {
        var finding = LintSamples.Single("SELECT 1;\n  DROP INDEX ix\n    CASCADE;", "GL011");

        Assert.Equal("V2__test.sql", finding.File);
        Assert.Equal("DROP INDEX ix", finding.Statement);
        Assert.Contains("CONCURRENTLY", finding.SafeAlternative);
        Assert.StartsWith("DROP INDEX without CONCURRENTLY: ", finding.Message);
    }

    [Theory]
    [InlineData("drop table users;", "GL001")]
    [InlineData("Alter Table \"Users\" Drop Column \"Email\";", "GL002")]
    [InlineData("ALTER TABLE ONLY app.users ALTER COLUMN \"Age\" TYPE bigint;", "GL005")]
    public void Lint_CaseAndQuotedNames_StillFire(string sql, string ruleId) =>
        LintSamples.Single(sql, ruleId);

    [Fact]
    public void Lint_CrlfLineEndings_ReportsSamePositions()
    {
        var finding = LintSamples.Single("SELECT 1;\r\n  TRUNCATE users;\r\n", "GL010");

        finding.AssertAt(2, 3);
        Assert.Equal("TRUNCATE users;", finding.Statement);
    }

    [Theory]
    [InlineData("CREATE INDEX CONCURRENTLY ix ON users (age)")]
    [InlineData("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (age)")]
    [InlineData("DROP INDEX CONCURRENTLY ix")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT ck CHECK (total >= 0) NOT VALID")]
    [InlineData("ALTER TABLE orders VALIDATE CONSTRAINT fk")]
    [InlineData("ALTER TABLE users ADD CONSTRAINT uq UNIQUE USING INDEX ix")]
    [InlineData("ALTER TABLE users ADD CONSTRAINT pk PRIMARY KEY USING INDEX ix")]
    [InlineData("ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0")]
    [InlineData("ALTER TABLE users ADD COLUMN age int")]
    [InlineData("ALTER TABLE users DROP CONSTRAINT ck")]
    [InlineData("ALTER TABLE users RENAME CONSTRAINT a TO b")]
    [InlineData("ALTER TABLE users ALTER COLUMN age SET DEFAULT 0")]
    [InlineData("CREATE TABLE people (id bigint NOT NULL PRIMARY KEY, name text UNIQUE)")]
    [InlineData("INSERT INTO audit (note) VALUES ('DROP TABLE users')")]
    public void Lint_SafeStatement_ReportsNothing(string sql) =>
        Assert.Empty(LintSamples.Lint(sql));
}
