using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Tests;

public sealed class PhaseTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_ExpandThenContract_ContractWaitsForItsPhase(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create.sql", "CREATE TABLE people (id INT, full_name VARCHAR(50));");
        db.Script("V2__add_names.sql", "ALTER TABLE people ADD COLUMN first_name VARCHAR(50);");
        db.Script("V3__drop_full_name.sql", "-- the old revision reads full_name until it is retired\n-- greenlight:phase=contract\nALTER TABLE people DROP COLUMN full_name;");
        db.Script("V4__add_email.sql", "ALTER TABLE people ADD COLUMN email VARCHAR(50);");

        var expand = await db.Migrator().MigrateAsync(PhaseFilter.Expand);
        var status = await db.Migrator().InfoAsync();
        var validation = await db.Migrator().ValidateAsync();
        await db.ExecuteAsync("INSERT INTO people (id, full_name) VALUES (1, 'old revision still writes')");
        var contract = await db.Migrator().MigrateAsync(PhaseFilter.ContractUpTo("3"));

        Assert.Equal(["V1__create.sql", "V2__add_names.sql", "V4__add_email.sql"], expand.Applied.Select(a => a.Script));
        var pending = Assert.Single(status, s => s.State == MigrationState.Pending);
        Assert.Equal(("V3__drop_full_name.sql", MigrationPhase.Contract), (pending.Script, pending.Phase));
        Assert.True(validation.IsValid);
        Assert.Equal(("V3__drop_full_name.sql", MigrationPhase.Contract), (Assert.Single(contract.Applied).Script, contract.Applied[0].Phase));
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT count(email) + count(*) FROM people"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_ContractUpToVersion_LeavesLaterContractsPending(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create.sql", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);");
        db.Script("V2__drop_a.sql", "-- greenlight:phase=contract\nDROP TABLE a;");
        db.Script("V3__drop_b.sql", "-- greenlight:phase=contract\nDROP TABLE b;");
        await db.Migrator().MigrateAsync(PhaseFilter.Expand);

        var contract = await db.Migrator().MigrateAsync(PhaseFilter.ContractUpTo("2"));

        Assert.Equal("V2__drop_a.sql", Assert.Single(contract.Applied).Script);
        Assert.False(await db.TableExistsAsync("a"));
        Assert.True(await db.TableExistsAsync("b"));
    }
}
