using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class IntegerKeyRule : ColumnTypeRule
{
    private static readonly string[] NarrowTypes = ["INT", "INTEGER", "INT4", "SMALLINT", "INT2", "SERIAL", "SERIAL4", "SMALLSERIAL", "SERIAL2"];

    public override string Id => "GL024";
    public override string Title => "A primary or foreign key of type int or smallint";
    public override string Why => "a 32-bit key runs out at 2.1 billion rows (16-bit at 32767), and widening it later rewrites the table and every table that references it under ACCESS EXCLUSIVE locks";
    public override string SafeAlternative => "bigint (bigint GENERATED ALWAYS AS IDENTITY for a generated key)";

    protected override bool Matches(IReadOnlyList<SqlToken> tokens, int type, bool isKey) =>
        isKey && NarrowTypes.Any(tokens[type].IsWord) && !(type + 1 < tokens.Count && tokens[type + 1].IsSymbol('['));
}
