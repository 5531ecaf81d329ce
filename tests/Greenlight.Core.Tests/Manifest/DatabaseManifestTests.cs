using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>The <c>database</c> section: where migrations live and how to reach the database without inlining a secret.</summary>
public sealed class DatabaseManifestTests
{
    [Fact]
    public void Parse_DatabaseWithConnectionFromEnv_ReadsEverySettingWithDefaults()
    {
        var result = ManifestLoader.Parse(With("database:\n  provider: postgresql\n  connectionFromEnv: SHOP_DB"), "/srv/shop/greenlight.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new DatabaseSpec("postgresql", null, "SHOP_DB", "/srv/shop/migrations", "greenlight_schema_history", false), result.Manifest.Database);
    }

    [Fact]
    public void Parse_NoDatabase_LeavesItNull() => Assert.Null(ManifestLoader.Parse(With(""), "greenlight.yaml").Manifest!.Database);

    [Theory]
    [InlineData("  connection: \"Host=db;Password=hunter2\"", "greenlight.yaml:8:15: database.connection: found \"Host=db;Password=hunter2\", expected a connection string without a password (put a secret in an environment variable and name it in connectionFromEnv)")]
    [InlineData("  connection: postgres://app:hunter2@db/shop", "greenlight.yaml:8:15: database.connection: found \"postgres://app:hunter2@db/shop\", expected a connection string without a password (put a secret in an environment variable and name it in connectionFromEnv)")]
    [InlineData("  historyTable: flyway-history\n  connection: Data Source=shop.db", "greenlight.yaml:8:17: database.historyTable: found \"flyway-history\", expected a table name of letters, digits and _")]
    [InlineData("  historyTable: \"history\\n\"\n  connection: Data Source=shop.db", "greenlight.yaml:8:17: database.historyTable: found \"history\\n\", expected a table name of letters, digits and _")]
    [InlineData("  connectionFromEnv: \"SHOP_DB\\n\"", "greenlight.yaml:8:22: database.connectionFromEnv: found \"SHOP_DB\\n\", expected an environment variable name such as SHOP_MODE")]
    [InlineData("  outOfOrder: sometimes\n  connection: Data Source=shop.db", "greenlight.yaml:8:15: database.outOfOrder: found \"sometimes\", expected true or false")]
    public void Parse_BadDatabaseSetting_IsReported(string line, string expected) =>
        Assert.Equal([expected], Errors(With("database:\n  provider: sqlite\n" + line)));

    [Theory]
    [InlineData("statementTimeout: 5m", "greenlight.yaml:9:21: database.statementTimeout: found a PostgreSQL server setting with provider sqlite, which cannot enforce it, expected no statementTimeout for sqlite (remove the key)")]
    [InlineData("lockTimeout: 5s", "greenlight.yaml:9:16: database.lockTimeout: found a PostgreSQL server setting with provider sqlite, which cannot enforce it, expected no lockTimeout for sqlite (remove the key)")]
    public void Parse_ServerTimeoutWithSqlite_IsRefusedWithItsPath(string line, string expected) =>
        Assert.Equal([expected], Errors(With("database:\n  provider: sqlite\n  connection: Data Source=shop.db\n  " + line)));

    [Fact]
    public void Parse_ServerTimeoutsWithPostgresql_AreRead()
    {
        var result = ManifestLoader.Parse(With("database:\n  provider: postgresql\n  connectionFromEnv: DB\n  statementTimeout: 5m\n  lockTimeout: 3s"), "greenlight.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(3)), (result.Manifest!.Database!.StatementTimeout, result.Manifest.Database.LockTimeout));
    }

    [Fact]
    public void Parse_BothConnectionKinds_AreRefused() =>
        Assert.Equal(
            ["greenlight.yaml:6:11: database: found connection and connectionFromEnv, expected exactly one of connection, connectionFromEnv"],
            Errors(With("database: {provider: sqlite, connection: Data Source=a.db, connectionFromEnv: DB}")));
}
