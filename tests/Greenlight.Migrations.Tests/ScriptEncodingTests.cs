using System.Text;
using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Tests;

/// <summary>Scripts are strict UTF-8, as Flyway reads them: anything else is refused with file, line and byte offset before anything runs.</summary>
public sealed class ScriptEncodingTests
{
    public static TheoryData<string, byte[], string> NotUtf8 => new()
    {
        { "Latin-1", [.. "SELECT 1;\nSELECT 'caf"u8, 0xE9, .. "';\n"u8], "not valid UTF-8 at line 2, byte offset 21 (byte 0xE9)" },
        // U+1F600 as CESU-8: two encoded UTF-16 surrogates, which UTF-8 forbids.
        { "CESU-8", [.. "SELECT '"u8, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, .. "';"u8], "not valid UTF-8 at line 1, byte offset 8 (byte 0xED)" },
        { "UTF-16 with BOM", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("SELECT 1;")).ToArray(), "starts with a UTF-16 or UTF-32 byte order mark" },
        { "UTF-16 without BOM", Encoding.BigEndianUnicode.GetBytes("SELECT 1;\nSELECT 2;"), "a NUL byte at line 1, byte offset 0 (a UTF-16 or UTF-32 file?)" },
        { "UTF-32 with BOM", Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes("SELECT 1;")).ToArray(), "starts with a UTF-16 or UTF-32 byte order mark" },
    };

    [Theory, MemberData(nameof(NotUtf8))]
    public async Task Migrate_ScriptNotUtf8_RefusedWithLineAndOffsetBeforeAnythingRuns(string encoding, byte[] bytes, string expected)
    {
        await using var db = await TestDatabase.CreateAsync("postgresql");
        db.Script("V1__a.sql", "CREATE TABLE a (id INT);");
        File.WriteAllBytes(Path.Combine(db.ScriptsFolder, "V2__text.sql"), bytes);

        var error = await Assert.ThrowsAsync<MigrationException>(() => db.Migrator().MigrateAsync());

        Assert.Contains($"V2__text.sql: {expected}", error.Message, StringComparison.Ordinal);
        Assert.False(await db.TableExistsAsync("a"), encoding);
    }

    [Fact]
    public async Task Migrate_ScriptNotUtf8OnSqlite_Refused()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        File.WriteAllBytes(Path.Combine(db.ScriptsFolder, "V1__text.sql"), [.. "CREATE TABLE caf"u8, 0xE9, .. " (id INT);"u8]);

        var validation = await db.Migrator().ValidateAsync();

        Assert.Equal("V1__text.sql: not valid UTF-8 at line 1, byte offset 16 (byte 0xE9); Flyway and Greenlight read scripts as UTF-8: save the file as UTF-8.",
            Assert.Single(validation.Problems).Message);
    }

    [Fact]
    public void Load_TwoByteOrderMarks_ChecksumStripsOnlyTheFirst()
    {
        var folder = Directory.CreateTempSubdirectory("greenlight-bom-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "V1__one_bom.sql"), "\uFEFFSELECT 1;\n", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(folder, "V2__two_boms.sql"), "\uFEFF\uFEFFSELECT 1;\n", new UTF8Encoding(false));

            var scripts = ScriptCatalog.Load(folder).Scripts;

            // Independent values: python3 zlib.crc32 over the lines as Flyway reads them (first BOM dropped).
            Assert.Equal([78787420, -1606921097], scripts.Select(s => s.Checksum));
            Assert.Equal(["SELECT 1;\n", "\uFEFFSELECT 1;\n"], scripts.Select(s => s.Sql));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
