using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class CharTypeRule : ColumnTypeRule
{
    public override string Id => "GL025";
    public override string Title => "A char(n) column";
    public override string Why => "char(n) pads every value with spaces to n characters, which comparisons, lengths and clients handle inconsistently, and it is no faster than text";
    public override string SafeAlternative => "text (with a CHECK (length(c) <= n) if the limit matters)";

    // char, character, bpchar; not character varying, and not the one-byte internal "char", which is quoted.
    protected override bool Matches(IReadOnlyList<SqlToken> tokens, int type, bool isKey) =>
        tokens[type].IsWord("BPCHAR") || ((tokens[type].IsWord("CHAR") || tokens[type].IsWord("CHARACTER")) && !tokens.IsWord(type + 1, "VARYING"));
}
