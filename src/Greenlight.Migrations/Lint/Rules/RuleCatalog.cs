namespace Greenlight.Migrations.Lint.Rules;

/// <summary>Every rule, in id order: the one place a new rule is registered.</summary>
internal static class RuleCatalog
{
    /// <summary>Reported for a malformed greenlight:allow override; not a rule that can be silenced.</summary>
    public const string OverrideId = "GL000";

    public static IReadOnlyList<LintRule> All { get; } =
    [
        new DropTableRule(),
        new DropColumnRule(),
        new RenameRule(),
        new AddNotNullColumnRule(),
        new ChangeColumnTypeRule(),
        new SetNotNullRule(),
        new CreateIndexRule(),
        new ValidatedConstraintRule(),
        new UniqueConstraintRule(),
        new TruncateRule(),
        new DropIndexRule(),
        new VolatileDefaultRule(),
        new StoredGeneratedColumnRule(),
        new RewriteTableRule(),
        new ReindexRule(),
        new DetachPartitionRule(),
        new AlterDomainConstraintRule(),
        new LockTableRule(),
        new LockTimeoutRule(),
        new TransactionControlRule(),
        new ConcurrentInTransactionRule(),
        new DropDatabaseRule(),
        new DropNotNullRule(),
        new IntegerKeyRule(),
        new CharTypeRule(),
        new VarcharTypeRule(),
        new TimestampTypeRule(),
        new SerialTypeRule(),
        new IdentifierLengthRule(),
    ];
}
