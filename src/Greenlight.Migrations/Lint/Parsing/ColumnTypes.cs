namespace Greenlight.Migrations.Lint.Parsing;

internal static class ColumnTypes
{
    private static readonly string[] Serials = ["SERIAL", "SERIAL4", "BIGSERIAL", "SERIAL8", "SMALLSERIAL", "SERIAL2"];

    /// <summary>serial, bigserial, smallserial and their aliases: an integer with a default from its own sequence.</summary>
    public static bool IsSerial(IReadOnlyList<SqlToken> tokens, int index) => Serials.Any(type => tokens.IsWord(index, type));
}
