using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class TimestampTypeRule : ColumnTypeRule
{
    public override string Id => "GL027";
    public override string Title => "A timestamp column without time zone";
    public override string Why => "timestamp stores a wall-clock time with no zone: values written by servers or sessions in different time zones cannot be compared, and daylight saving makes some ambiguous";
    public override string SafeAlternative => "timestamptz (timestamp with time zone), which stores an instant";

    // timestamp [(p)] [WITHOUT TIME ZONE]; timestamp [(p)] WITH TIME ZONE is timestamptz.
    protected override bool Matches(IReadOnlyList<SqlToken> tokens, int type, bool isKey)
    {
        if (!tokens[type].IsWord("TIMESTAMP")) return false;
        var next = type + 1;
        if (next < tokens.Count && tokens[next].IsSymbol('(')) next += 3;
        return !tokens.HasWordsAt(next, "WITH", "TIME", "ZONE");
    }
}
