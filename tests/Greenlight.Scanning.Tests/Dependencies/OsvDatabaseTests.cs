using System.IO.Compression;
using Greenlight.Scanning.Dependencies;

namespace Greenlight.Scanning.Tests.Dependencies;

public class OsvDatabaseTests
{
    [Fact]
    public void Load_ZipOfRecords_LoadsEveryJsonEntry()
    {
        using var tree = new TempTree();
        var zipPath = Path.Combine(tree.Root, "all.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            Add(zip, "GHSA-z1.json", Osv.Record("GHSA-z1", "npm", "a", [Osv.Introduced("0"), Osv.Fixed("2.0.0")]));
            Add(zip, "nested/GHSA-z2.json", Osv.Record("GHSA-z2", "NuGet", "B", [Osv.Introduced("0")]));
            Add(zip, "README.txt", "not a record");
        }

        var db = OsvDatabase.Load(zipPath);

        Assert.Equal(2, db.Count);
        Assert.Single(db.Match(Osv.Npm("a", "1.0.0")));
        Assert.Single(db.Match(Osv.NuGet("b", "1.0.0")));
    }

    [Fact]
    public void Load_DirectoryWithSubfolders_LoadsRecursively()
    {
        using var tree = new TempTree();
        tree.Write("osv/npm/GHSA-d1.json", Osv.Record("GHSA-d1", "npm", "a", [Osv.Introduced("0")]));
        tree.Write("osv/nuget/GHSA-d2.json", Osv.Record("GHSA-d2", "NuGet", "B", [Osv.Introduced("0")]));

        Assert.Equal(2, OsvDatabase.Load(Path.Combine(tree.Root, "osv")).Count);
    }

    [Fact]
    public void Load_MissingPath_Throws() =>
        Assert.Throws<FileNotFoundException>(() => OsvDatabase.Load("/nonexistent/osv-" + Guid.NewGuid()));

    [Fact]
    public void Load_CorruptRecord_ThrowsNamingTheFile()
    {
        using var tree = new TempTree();
        tree.Write("osv/bad.json", "{ \"summary\": \"no id\" }");

        var ex = Assert.Throws<InvalidDataException>(() => OsvDatabase.Load(Path.Combine(tree.Root, "osv")));

        Assert.Contains("bad.json", ex.Message);
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(content);
    }
}
