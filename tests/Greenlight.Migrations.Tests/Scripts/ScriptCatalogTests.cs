using Greenlight.Migrations.Lint;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Tests.Scripts;

public sealed class ScriptCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("greenlight-catalog-").FullName;

    [Fact]
    public void Load_VersionedAndRepeatable_OrdersByVersionAndNamesDescriptions()
    {
        Write("V1_10__later.sql", "SELECT 1;");
        Write("V1.9__add_orders_table.sql", "SELECT 1;");
        Write("R__refresh_views.sql", "SELECT 1;");

        var catalog = ScriptCatalog.Load(_folder);

        Assert.Empty(catalog.Problems);
        Assert.Equal(["V1.9__add_orders_table.sql", "V1_10__later.sql"], catalog.Versioned.Select(s => s.FileName));
        Assert.Equal("add orders table", catalog.Versioned.First().Description);
        Assert.Equal("refresh views", Assert.Single(catalog.Repeatable).Description);
    }

    [Theory]
    [InlineData("V1_init.sql", "no '__'")]
    [InlineData("X1__init.sql", "must start with")]
    [InlineData("V1.a__init.sql", "is not a version")]
    [InlineData("R__.sql", "needs a description")]
    public void Load_InvalidName_ReportsFileAndReason(string fileName, string reason)
    {
        Write(fileName, "SELECT 1;");

        var problem = Assert.Single(ScriptCatalog.Load(_folder).Problems);

        Assert.Equal(fileName, problem.Script);
        Assert.Contains(reason, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_FifoNamedLikeAScript_IsAProblemAndNeverOpened()
    {
        Write("V1__init.sql", "SELECT 1;");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(_folder, "V2__pipe.sql")]))
            await mkfifo.WaitForExitAsync();

        // Opening the FIFO would block until a writer comes: a deadline turns that into a failure, not a hang.
        var catalog = await Task.Run(() => ScriptCatalog.Load(_folder)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("V1__init.sql", Assert.Single(catalog.Scripts).FileName);
        Assert.Equal("V2__pipe.sql: not a regular file (a FIFO, socket or device): not read.", Assert.Single(catalog.Problems).Message);
    }

    [Fact]
    public void Load_DuplicateVersion_ReportsBothFiles()
    {
        Write("V1__a.sql", "SELECT 1;");
        Write("V1.0__b.sql", "SELECT 1;");

        var problem = Assert.Single(ScriptCatalog.Load(_folder).Problems);

        Assert.Contains("V1__a.sql", problem.Message, StringComparison.Ordinal);
        Assert.Contains("V1.0__b.sql", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-- greenlight:phase=contract\nDROP TABLE t;", MigrationPhase.Contract)]
    [InlineData("-- drops the old column\n-- greenlight:phase=contract\nDROP TABLE t;", MigrationPhase.Contract)]
    [InlineData("CREATE TABLE t (id INT);\n-- greenlight:phase=contract", MigrationPhase.Expand)]
    [InlineData("CREATE TABLE t (id INT);", MigrationPhase.Expand)]
    public void Load_PhaseHeader_OnlyLeadingCommentsCount(string sql, MigrationPhase expected)
    {
        Write("V1__x.sql", sql);

        Assert.Equal(expected, Assert.Single(ScriptCatalog.Load(_folder).Scripts).Phase);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string sql) => File.WriteAllText(Path.Combine(_folder, name), sql);
}
