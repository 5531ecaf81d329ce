using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class VarcharTypeRule : ColumnTypeRule
{
    public override string Id => "GL026";
    public override string Title => "A varchar(n) column";
    public override string Why => "the length limit is no faster than text, and raising it later is an ALTER COLUMN TYPE that takes an ACCESS EXCLUSIVE lock";
    public override string SafeAlternative => "text, with a CHECK (length(c) <= n) constraint if the limit matters (a CHECK can be changed NOT VALID, without a long lock)";

    // varchar(n), character varying(n), char varying(n); varchar without a length is text by another name.
    protected override bool Matches(IReadOnlyList<SqlToken> tokens, int type, bool isKey)
    {
        var length = tokens[type].IsWord("VARCHAR") ? type + 1 : tokens.IsWord(type + 1, "VARYING") ? type + 2 : -1;
        return length > 0 && length < tokens.Count && tokens[length].IsSymbol('(');
    }
}
