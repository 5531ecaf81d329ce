using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class SerialTypeRule : ColumnTypeRule
{
    public override string Id => "GL028";
    public override string Title => "A serial column";
    public override string Why => "serial is a default from a separately owned sequence: its grants, ownership and dumps behave surprisingly, and inserts that supply an id do not move the sequence";
    public override string SafeAlternative => "bigint GENERATED ALWAYS AS IDENTITY (or BY DEFAULT), the SQL-standard identity column";

    protected override bool Matches(IReadOnlyList<SqlToken> tokens, int type, bool isKey) => ColumnTypes.IsSerial(tokens, type);
}
