using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

/// <summary>Opt-in (manifest <c>database.lint.requireLockTimeout</c>); the manifest's <c>lockTimeout</c> satisfies it.</summary>
internal sealed class LockTimeoutRule : LintRule
{
    private static readonly string[][] LockingStarts =
        [["ALTER", "TABLE"], ["ALTER", "DOMAIN"], ["DROP", "TABLE"], ["DROP", "INDEX"], ["TRUNCATE"], ["LOCK"], ["REINDEX"], ["CLUSTER"], ["VACUUM"]];

    public override string Id => "GL019";
    public override string Title => "Locking a table without a lock_timeout";
    public override string Why => "a statement that waits for its lock behind one long query queues every later query of the serving revision behind itself: the whole table stops until the long query ends";
    public override string SafeAlternative => "SET lock_timeout = '2s' at the top of the script (or database.lockTimeout in the manifest), and retry the migration when it times out";
    public override bool PostgreSqlOnly => true;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script)
    {
        if (!script.Options.RequireLockTimeout || script.Options.LockTimeoutConfigured || script.LockTimeoutSet || script.LockTimeoutReported) return [];
        var locks = statement.IndexKeyword >= 0 || LockingStarts.Any(words => statement.Code.StartsWith(words));
        if (!locks) return [];
        script.LockTimeoutReported = true;
        return [statement.First];
    }
}
