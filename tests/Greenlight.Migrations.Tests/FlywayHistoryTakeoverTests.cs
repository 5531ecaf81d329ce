using Dapper;
using Greenlight.Core.Manifest;

namespace Greenlight.Migrations.Tests;

/// <summary>
/// A history Flyway wrote on PostgreSQL with every row kind it writes, continued by Greenlight. Every checksum here was
/// computed outside Greenlight (python3: zlib.crc32 fed line by line, terminators dropped, as Flyway reads a script).
/// </summary>
public sealed class FlywayHistoryTakeoverTests
{
    private const string AddEmail = "ALTER TABLE person ADD COLUMN email VARCHAR(100);\n";
    private const int AddEmailChecksum = 90083911;
    private const string Orders = "CREATE TABLE orders (\n    id INT PRIMARY KEY,\n    person_id INT REFERENCES person (id)\n);\nCOMMENT ON TABLE orders IS 'owned by ${owner}';\n";
    private const int OrdersChecksum = -162801402;
    private const string PersonView = "CREATE OR REPLACE VIEW ${flyway:defaultSchema}.person_names AS SELECT name FROM person;\n";
    // Flyway stores a repeatable's checksum over its replaced text (here ${flyway:defaultSchema} = public).
    private const int PersonViewReplacedChecksum = 1832640707;
    private const string EmailIndex = "CREATE INDEX CONCURRENTLY person_email_idx ON person (email);\n";
    private const int EmailIndexChecksum = -641938467;
    private const string Phone = "ALTER TABLE person ADD COLUMN phone VARCHAR(20);\n";
    private const int PhoneChecksum = 8488166;

    private const string FlywayDdl = """
        CREATE TABLE "flyway_schema_history" ("installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL,
          "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL,
          "installed_on" TIMESTAMP NOT NULL DEFAULT now(), "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
        ALTER TABLE "flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
        CREATE INDEX "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success");
        """;

    // The database as Flyway left it: the schema it created, a baseline at 1, scripts up to 3 (one in a subfolder, one with a
    // placeholder), a repeatable, V3 then removed on purpose (flyway repair's DELETE row), and V4 failed outside a transaction.
    private static readonly string FlywayRows = $"""
        INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success) VALUES
          (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"public"', NULL, 'flyway', 0, true),
          (1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'flyway', 0, true),
          (2, '1.1', 'add email', 'SQL', 'V1_1__add_email.sql', {AddEmailChecksum}, 'flyway', 7, true),
          (3, '2', 'orders', 'SQL', 'sub/V2__orders.sql', {OrdersChecksum}, 'flyway', 9, true),
          (4, '3', 'legacy', 'SQL', 'V3__legacy.sql', 1234567, 'flyway', 3, true),
          (5, NULL, 'person view', 'SQL', 'R__person_view.sql', {PersonViewReplacedChecksum}, 'flyway', 4, true),
          (6, '3', 'legacy', 'DELETE', 'V3__legacy.sql', 1234567, 'flyway', 0, true),
          (7, '4', 'email index', 'SQL', 'V4__email_index.sql', {EmailIndexChecksum}, 'flyway', 2, false);
        """;

    [Fact]
    public async Task FlywayHistoryWithEveryRowKind_ValidatesRepairsAndContinues()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        await db.ExecuteAsync(FlywayDdl);
        await db.ExecuteAsync("CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL); CREATE TABLE migrate_log (note TEXT);");
        await db.ExecuteAsync(AddEmail + Orders.Replace("${owner}", "app_owner", StringComparison.Ordinal) + PersonView.Replace("${flyway:defaultSchema}", "public", StringComparison.Ordinal));
        await db.ExecuteAsync(FlywayRows);
        Directory.CreateDirectory(Path.Combine(db.ScriptsFolder, "sub"));
        db.Script("V1__create_person.sql", "CREATE TABLE person (id INT PRIMARY KEY);\n");
        db.Script("V1_1__add_email.sql", AddEmail);
        db.Script("sub/V2__orders.sql", Orders);
        db.Script("R__person_view.sql", PersonView);
        db.Script("V4__email_index.sql", EmailIndex);
        db.Script("V5__phone.sql", Phone);
        db.Script("afterMigrate.sql", "INSERT INTO migrate_log (note) VALUES ('${flyway:filename} on ${flyway:table}');\n");
        var migrator = db.Migrator(o => o with
        {
            HistoryTable = "flyway_schema_history",
            Placeholders = PlaceholderSpec.Default with { Values = new Dictionary<string, string> { ["owner"] = "app_owner" } },
        });

        var before = await migrator.ValidateAsync();
        var repair = await migrator.RepairAsync();
        var after = await migrator.ValidateAsync();
        var result = await migrator.MigrateAsync();

        // Flyway's own validate refuses the failed V4 row too, and only that.
        Assert.Equal("V4__email_index.sql", Assert.Single(before.Problems).Script);
        Assert.Equal((1, 0, 0), (repair.RemovedFailedEntries, repair.RealignedChecksums, repair.MarkedDeleted));
        Assert.True(after.IsValid, string.Join("; ", after.Problems));
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(["V4__email_index.sql", "V5__phone.sql"], result.Applied.Select(a => a.Script));
        await using var connection = db.Open();
        var rows = (await connection.QueryAsync<(int, string?, string, string, string, int?, bool)>(
            "SELECT installed_rank, version, description, type, script, checksum, success FROM flyway_schema_history ORDER BY installed_rank")).ToList();
        Assert.Equal([
            (0, null, "<< Flyway Schema Creation >>", "SCHEMA", "\"public\"", null, true),
            (1, "1", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", null, true),
            (2, "1.1", "add email", "SQL", "V1_1__add_email.sql", AddEmailChecksum, true),
            (3, "2", "orders", "SQL", "sub/V2__orders.sql", OrdersChecksum, true),
            (4, "3", "legacy", "SQL", "V3__legacy.sql", 1234567, true),
            (5, null, "person view", "SQL", "R__person_view.sql", PersonViewReplacedChecksum, true),
            (6, "3", "legacy", "DELETE", "V3__legacy.sql", 1234567, true),
            (7, "4", "email index", "SQL", "V4__email_index.sql", EmailIndexChecksum, true),
            (8, "5", "phone", "SQL", "V5__phone.sql", PhoneChecksum, true)], rows);
        Assert.Equal("afterMigrate.sql on flyway_schema_history", await db.ScalarAsync<string>("SELECT note FROM migrate_log"));
        Assert.Equal("owned by app_owner", await db.ScalarAsync<string>("SELECT obj_description('orders'::regclass)"));
        var status = await migrator.InfoAsync();
        Assert.Equal(MigrationState.Deleted, Assert.Single(status, s => s.Version == "3").State);
        Assert.Equal(PersonViewReplacedChecksum, Assert.Single(status, s => s.Script == "R__person_view.sql").Checksum);
        Assert.All(status.Where(s => s.Version is "1.1" or "2" or "4" or "5" || s.Script.StartsWith("R__", StringComparison.Ordinal)),
            s => Assert.Equal(MigrationState.Applied, s.State));
    }
}
