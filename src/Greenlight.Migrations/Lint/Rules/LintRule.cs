using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

/// <summary>
/// One check. A rule only says where in a statement it fires; which rules run for a dialect,
/// a phase, a new table or an override is decided once, in <see cref="SqlLinter"/>.
/// </summary>
internal abstract class LintRule
{
    public abstract string Id { get; }

    public abstract string Title { get; }

    /// <summary>Why the statement breaks (or blocks) the revision that is still serving.</summary>
    public abstract string Why { get; }

    public abstract string SafeAlternative { get; }

    /// <summary>Destructive rules are the purpose of contract scripts and do not apply to them.</summary>
    public virtual bool Destructive => false;

    public virtual bool PostgreSqlOnly => false;

    public virtual LintSeverity Severity => Destructive ? LintSeverity.High : LintSeverity.Medium;

    /// <summary>Type and name advice, switched off together by <see cref="LintOptions.TypeAdvice"/>.</summary>
    public virtual bool TypeAdvice => false;

    /// <summary>
    /// Locking and compatibility rules do not apply to a table created earlier in the same
    /// script: nobody reads it yet, so it can be neither locked out nor broken.
    /// </summary>
    public virtual bool SparesNewTables => !Destructive;

    public LintRuleInfo Info => new(Id, Title, Why, SafeAlternative, Destructive,
        PostgreSqlOnly ? [DatabaseProvider.PostgreSql] : [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql], Severity);

    /// <summary>The tokens at which the rule fires in this statement (usually none), given what the script did before it.</summary>
    public abstract IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script);
}
