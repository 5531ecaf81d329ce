using Greenlight.Migrations.Databases;

namespace Greenlight.Migrations.Tests.Execution;

/// <summary>The history rows as Flyway writes them: the database user and the database's clock.</summary>
public sealed class HistoryRowTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_NoInstalledBy_RecordsTheDatabaseUser(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__items.sql", "CREATE TABLE items (id INT);");
        db.Script("V2__more.sql", "CREATE TABLE more (id INT);");
        await db.Migrator(o => o with { InstalledBy = null }).BaselineAsync("0");

        Assert.True((await db.Migrator(o => o with { InstalledBy = null }).MigrateAsync()).Succeeded);

        var user = provider == "sqlite" ? Environment.UserName : await db.ScalarAsync<string>("SELECT current_user");
        Assert.Equal([user, user, user], await InstalledByAsync(db));
    }

    [Fact]
    public async Task Migrate_InstalledBySet_RecordsIt()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__items.sql", "CREATE TABLE items (id INT);");

        Assert.True((await db.Migrator(o => o with { InstalledBy = "release-bot" }).MigrateAsync()).Succeeded);

        Assert.Equal(["release-bot"], await InstalledByAsync(db));
    }

    [Fact]
    public async Task Migrate_Postgres_InstalledOnIsTheDatabasesNowInItsTimeZone()
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        // UTC+14: a client clock in UTC written as the row's time would be 14 hours off.
        var name = await db.ScalarAsync<string>("SELECT current_database()");
        await db.ExecuteAsync($"ALTER DATABASE \"{name}\" SET timezone = 'Pacific/Kiritimati'");
        Npgsql.NpgsqlConnection.ClearAllPools();
        db.Script("V1__items.sql", "CREATE TABLE items (id INT);");
        db.Script("V2__broken.sql", "SELECT 1 / 0;");

        await db.Migrator().MigrateAsync();

        Assert.Equal(2, await db.ScalarAsync<long>(
            "SELECT count(*) FROM greenlight_schema_history WHERE abs(extract(epoch FROM installed_on - localtimestamp)) < 300"));
        var status = await db.Migrator().InfoAsync();
        Assert.All(status, s => Assert.Equal(DateTimeKind.Unspecified, s.InstalledOn!.Value.Kind));
    }

    [Fact]
    public async Task Migrate_Sqlite_InstalledOnIsFlywaysDefault()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        db.Script("V1__items.sql", "CREATE TABLE items (id INT);");

        await db.Migrator().MigrateAsync();

        var installedOn = await db.ScalarAsync<string>("SELECT installed_on FROM greenlight_schema_history");
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$", installedOn);
        Assert.InRange(DateTime.Parse(installedOn, System.Globalization.CultureInfo.InvariantCulture), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(5));
    }

    private static async Task<List<string>> InstalledByAsync(TestDatabase db)
    {
        await using var connection = db.Open();
        return (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT installed_by FROM greenlight_schema_history ORDER BY installed_rank")).ToList();
    }
}
