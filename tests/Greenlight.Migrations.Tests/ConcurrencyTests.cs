using Greenlight.Migrations.Databases;

namespace Greenlight.Migrations.Tests;

public sealed class ConcurrencyTests
{
    private const int Scripts = 12;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_TwoConcurrentRunners_ApplyEachScriptExactlyOnce(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // The log is made by a script: a schema with tables but no history is refused.
        db.Script("V0__log.sql", "CREATE TABLE applied_log (script VARCHAR(20));");
        for (var i = 1; i <= Scripts; i++)
        {
            db.Script($"V{i}__step.sql", $"INSERT INTO applied_log VALUES ('V{i}');\nCREATE TABLE step_{i} (id INT);");
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => db.Migrator().MigrateAsync())));

        Assert.All(runs, r => Assert.True(r.Succeeded));
        Assert.Equal(Scripts + 1, runs.Sum(r => r.Applied.Count));
        Assert.Equal(Scripts, await db.ScalarAsync<long>("SELECT count(DISTINCT script) FROM applied_log"));
        Assert.Equal(Scripts, await db.ScalarAsync<long>("SELECT count(*) FROM applied_log"));
        Assert.Equal(Scripts + 1, (await db.HistoryAsync()).Count);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_LockHeldPastTimeout_FailsNamingTheLock(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__create.sql", "CREATE TABLE t (id INT);");
        var options = db.Options() with { RunLockWait = TimeSpan.FromSeconds(1) };
        await using var holder = await DatabaseFactory.OpenAsync(options, CancellationToken.None);
        await using var held = await holder.LockAsync(options.RunLockWait, TimeProvider.System, CancellationToken.None);

        var error = await Assert.ThrowsAsync<MigrationException>(() => new Migrator(options).MigrateAsync());

        Assert.Contains("Another migration run holds the lock on greenlight_schema_history", error.Message, StringComparison.Ordinal);
        Assert.Contains("for 1s", error.Message, StringComparison.Ordinal);
    }
}
