namespace Greenlight.Migrations.Tests;

public sealed class FlywayTakeoverTests
{
    // The script Flyway applied; 2077709195 is the checksum Flyway computes for it (see FlywayChecksumTests).
    private const string FlywayScript = "CREATE TABLE person (\n    id INT PRIMARY KEY,\n    name VARCHAR(100) NOT NULL\n);\n";

    // Flyway's own DDL for each database, verbatim apart from the schema prefix.
    private const string SqliteDdl = """
        CREATE TABLE "flyway_schema_history" ("installed_rank" INT NOT NULL PRIMARY KEY, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL,
          "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INT, "installed_by" VARCHAR(100) NOT NULL,
          "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')), "execution_time" INT NOT NULL, "success" BOOLEAN NOT NULL);
        CREATE INDEX "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success");
        """;

    private const string PostgresDdl = """
        CREATE TABLE "flyway_schema_history" ("installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL,
          "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL,
          "installed_on" TIMESTAMP NOT NULL DEFAULT now(), "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
        ALTER TABLE "flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
        CREATE INDEX "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success");
        """;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_FlywayHistory_ValidatesAndContinuesAfterIt(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await db.ExecuteAsync(db.Provider == DatabaseProvider.Sqlite ? SqliteDdl : PostgresDdl);
        await db.ExecuteAsync(FlywayScript);
        await db.ExecuteAsync("""
            INSERT INTO "flyway_schema_history" (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
            VALUES (1, '1', 'create person', 'SQL', 'V1__create_person.sql', 2077709195, 'flyway', 12, true)
            """);
        db.Script("V1__create_person.sql", FlywayScript.Replace("\n", "\r\n", StringComparison.Ordinal));
        db.Script("V1_1__add_email.sql", "ALTER TABLE person ADD COLUMN email VARCHAR(100);");
        var migrator = db.Migrator(o => o with { HistoryTable = "flyway_schema_history" });

        var validation = await migrator.ValidateAsync();
        var result = await migrator.MigrateAsync();

        Assert.True(validation.IsValid, string.Join("; ", validation.Problems));
        Assert.Equal("V1_1__add_email.sql", Assert.Single(result.Applied).Script);
        Assert.Equal([("1", "V1__create_person.sql", true), ("1.1", "V1_1__add_email.sql", true)], await db.HistoryAsync("flyway_schema_history"));
        Assert.False(await db.TableExistsAsync("greenlight_schema_history"));
        Assert.All(await migrator.InfoAsync(), s => Assert.Equal(MigrationState.Applied, s.State));
    }
}
