using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class LockTableRule : LintRule
{
    // Modes that conflict with the ROW EXCLUSIVE lock every INSERT, UPDATE and DELETE takes; no mode is ACCESS EXCLUSIVE.
    private static readonly string[][] BlockingModes = [["SHARE", "MODE"], ["SHARE", "ROW", "EXCLUSIVE"], ["EXCLUSIVE"], ["ACCESS", "EXCLUSIVE"]];

    public override string Id => "GL018";
    public override string Title => "LOCK TABLE in a mode that blocks writes";
    public override string Why => "the lock is held until the migration's transaction ends, blocking the serving revision's writes (and, in the default ACCESS EXCLUSIVE mode, its reads) for the whole script";
    public override string SafeAlternative => "let each statement take the lock it needs, and keep the script short; if a lock is really needed, take the weakest mode (ROW EXCLUSIVE, SHARE UPDATE EXCLUSIVE) and set lock_timeout";
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script)
    {
        var code = statement.Code;
        if (!code.StartsWith("LOCK")) return [];
        var mode = code.IndexOfWords("IN");
        var blocks = mode < 0 || BlockingModes.Any(words => code.HasWordsAt(mode + 1, words));
        return blocks ? [statement.First] : [];
    }
}
