using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Tests.Scripts;

public sealed class FlywayChecksumTests
{
    private const string Script = "CREATE TABLE person (\n    id INT PRIMARY KEY,\n    name VARCHAR(100) NOT NULL\n);\n";

    // Flyway: CRC32 updated with each line's UTF-8 bytes, without terminators, read back as a Java int.
    // Worked out for this script with that algorithm (zlib.crc32 over the lines joined without terminators).
    [Fact]
    public void Compute_KnownScript_MatchesFlyway() => Assert.Equal(2077709195, FlywayChecksum.Compute(Script));

    [Fact]
    public void Compute_SignedRange_MatchesJavaInt() => Assert.Equal(78787420, FlywayChecksum.Compute("SELECT 1;"));

    [Fact]
    public void Compute_CrLfOrBom_SameAsLf() =>
        Assert.Equal(FlywayChecksum.Compute(Script), FlywayChecksum.Compute("\uFEFF" + Script.Replace("\n", "\r\n", StringComparison.Ordinal)));

    [Fact]
    public void Compute_ChangedText_Differs() =>
        Assert.NotEqual(FlywayChecksum.Compute(Script), FlywayChecksum.Compute(Script.Replace("100", "101", StringComparison.Ordinal)));
}
