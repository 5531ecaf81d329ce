using System.Text;

namespace Greenlight.Migrations.Scripts;

/// <summary>
/// Flyway's script checksum, so an existing flyway_schema_history validates unchanged: Flyway reads the script
/// line by line (BOM stripped), feeds each line's UTF-8 bytes without its terminator into one CRC32 and stores it
/// as a signed int. Feeding lines without terminators is the same as hashing the text with every CR and LF removed.
/// </summary>
internal static class FlywayChecksum
{
    private static readonly uint[] Table = BuildTable();

    /// <param name="text">The script as read, its first BOM, if any, still there (a second one is content).</param>
    /// <param name="hasBom">False when the first BOM was already removed.</param>
    public static int Compute(string text, bool hasBom = true)
    {
        if (hasBom && text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.UTF8.GetBytes(text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)))
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return unchecked((int)~crc);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
