using Greenlight.Core.Manifest;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Tests;

/// <summary>Flyway placeholders: manifest values and Flyway's built-ins replaced, the checksum kept over the text on disk.</summary>
public sealed class FlywayPlaceholderTests
{
    private static MigratorOptions With(MigratorOptions o, Dictionary<string, string> values, string prefix = "${", string suffix = "}", bool replace = true) =>
        o with { Placeholders = new PlaceholderSpec(values, prefix, suffix, replace) };

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_Placeholders_ReplacedAndChecksumOverTheTextOnDisk(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        const string script = "CREATE TABLE ${Table_Name} (a TEXT, b TEXT, c TEXT, d TEXT, e TEXT); -- by ${owner}\n"
            + "INSERT INTO ${table_name} VALUES ('${flyway:defaultSchema}', '${flyway:user}', '${flyway:table}', '${flyway:filename}', '${flyway:timestamp}');\n";
        db.Script("V1__people.sql", script);
        var schema = provider == "sqlite" ? "main" : "public";

        var result = await db.Migrator(o => With(o, new() { ["table_name"] = "people", ["owner"] = "ops" })).MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal(schema, await db.ScalarAsync<string>("SELECT a FROM people"));
        if (provider == "postgresql")
        {
            Assert.Equal(await db.ScalarAsync<string>("SELECT current_user"), await db.ScalarAsync<string>("SELECT b FROM people"));
        }
        Assert.Equal("greenlight_schema_history|V1__people.sql", await db.ScalarAsync<string>("SELECT c || '|' || d FROM people"));
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", await db.ScalarAsync<string>("SELECT e FROM people"));
        Assert.Equal(FlywayChecksum.Compute(script), await db.ScalarAsync<int>("SELECT checksum FROM greenlight_schema_history"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_UnknownPlaceholder_NamesFileAndLineAndRunsNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        db.Script("V2__b.sql", "CREATE TABLE b (id INT);\n\nCREATE TABLE ${missing} (id INT);\nSELECT '${flyway:nope}';\n");

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());
        var validation = await db.Migrator().ValidateAsync();

        Assert.Contains("V2__b.sql:3: no value for placeholder ${missing}", error.Message, StringComparison.Ordinal);
        Assert.Contains("V2__b.sql:4: no value for placeholder ${flyway:nope}", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, validation.Problems.Count);
        Assert.False(await db.TableExistsAsync("a"));
        Assert.False(await db.TableExistsAsync("greenlight_schema_history"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_ReplacementOff_SendsTheTextAsWritten(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (v TEXT);\nINSERT INTO a VALUES ('${not_a_placeholder}');");

        var result = await db.Migrator(o => With(o, [], replace: false)).MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("${not_a_placeholder}", await db.ScalarAsync<string>("SELECT v FROM a"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_CustomPrefixAndSuffix_OnlyThoseReplaced(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        db.Script("V1__a.sql", "CREATE TABLE a (v TEXT);\nINSERT INTO a VALUES ('#[name] ${name}');");

        var result = await db.Migrator(o => With(o, new() { ["name"] = "x" }, "#[", "]")).MigrateAsync();

        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("x ${name}", await db.ScalarAsync<string>("SELECT v FROM a"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrate_RepeatableWithPlaceholder_ChecksumOverReplacedTextRerunsWhenTheValueChanges(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        const string script = "CREATE TABLE IF NOT EXISTS seen (v TEXT);\nINSERT INTO seen VALUES ('${colour}');\n";
        db.Script("R__seen.sql", script);
        Migrator Colour(string value) => db.Migrator(o => With(o, new() { ["colour"] = value }));

        await Colour("red").MigrateAsync();
        var again = await Colour("red").MigrateAsync();
        var changed = await Colour("blue").MigrateAsync();

        Assert.Empty(again.Applied);
        Assert.Single(changed.Applied);
        Assert.Equal(FlywayChecksum.Compute(script.Replace("${colour}", "blue", StringComparison.Ordinal)),
            await db.ScalarAsync<int>("SELECT checksum FROM greenlight_schema_history WHERE installed_rank = 2"));
        // A row holding the checksum of the text on disk (written before replacement) still counts as up to date; repair realigns it.
        await db.ExecuteAsync($"UPDATE greenlight_schema_history SET checksum = {FlywayChecksum.Compute(script)} WHERE installed_rank = 2");
        Assert.Empty((await Colour("green").MigrateAsync()).Applied);
        Assert.Equal(1, (await Colour("green").RepairAsync()).RealignedChecksums);
    }
}
