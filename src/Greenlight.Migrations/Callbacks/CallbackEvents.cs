namespace Greenlight.Migrations.Callbacks;

/// <summary>
/// Flyway's SQL callback events by file name (<c>beforeMigrate.sql</c>, <c>beforeMigrate__warm_cache.sql</c>): the ones
/// Greenlight runs, and the ones it refuses because it has no point to run them at, so none is ever silently skipped.
/// </summary>
internal static class CallbackEvents
{
    public const string BeforeMigrate = "beforeMigrate";
    public const string BeforeEachMigrate = "beforeEachMigrate";
    public const string AfterEachMigrate = "afterEachMigrate";
    public const string AfterEachMigrateError = "afterEachMigrateError";
    public const string BeforeRepeatables = "beforeRepeatables";
    public const string AfterVersioned = "afterVersioned";
    public const string AfterMigrateApplied = "afterMigrateApplied";
    public const string AfterMigrate = "afterMigrate";
    public const string AfterMigrateError = "afterMigrateError";
    public const string BeforeValidate = "beforeValidate";
    public const string AfterValidate = "afterValidate";
    public const string AfterValidateError = "afterValidateError";
    public const string BeforeInfo = "beforeInfo";
    public const string AfterInfo = "afterInfo";
    public const string AfterInfoError = "afterInfoError";
    public const string BeforeRepair = "beforeRepair";
    public const string AfterRepair = "afterRepair";
    public const string AfterRepairError = "afterRepairError";
    public const string BeforeBaseline = "beforeBaseline";
    public const string AfterBaseline = "afterBaseline";
    public const string AfterBaselineError = "afterBaselineError";

    private static readonly HashSet<string> Run =
    [
        BeforeMigrate, BeforeEachMigrate, AfterEachMigrate, AfterEachMigrateError, BeforeRepeatables, AfterVersioned,
        AfterMigrateApplied, AfterMigrate, AfterMigrateError, BeforeValidate, AfterValidate, AfterValidateError,
        BeforeInfo, AfterInfo, AfterInfoError, BeforeRepair, AfterRepair, AfterRepairError, BeforeBaseline, AfterBaseline, AfterBaselineError,
    ];

    private const string Teams = "a Flyway Teams statement-level callback, which Greenlight does not run";

    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["beforeClean"] = "Greenlight has no clean command",
        ["afterClean"] = "Greenlight has no clean command",
        ["afterCleanError"] = "Greenlight has no clean command",
        ["beforeUndo"] = "Greenlight has no undo command",
        ["beforeEachUndo"] = "Greenlight has no undo command",
        ["afterEachUndo"] = "Greenlight has no undo command",
        ["afterEachUndoError"] = "Greenlight has no undo command",
        ["afterUndo"] = "Greenlight has no undo command",
        ["afterUndoError"] = "Greenlight has no undo command",
        ["beforeEachUndoStatement"] = Teams,
        ["afterEachUndoStatement"] = Teams,
        ["afterEachUndoStatementError"] = Teams,
        ["beforeEachMigrateStatement"] = Teams,
        ["afterEachMigrateStatement"] = Teams,
        ["afterEachMigrateStatementError"] = Teams,
        ["afterMigrateOperationFinish"] = "an operation-finish event, which Greenlight does not raise",
        ["afterInfoOperationFinish"] = "an operation-finish event, which Greenlight does not raise",
        ["createSchema"] = "Greenlight never creates schemas",
        ["beforeCreateSchema"] = "Greenlight never creates schemas",
        ["beforeConnect"] = "a connection event, which Greenlight does not raise",
        ["afterConnect"] = "a connection event, which Greenlight does not raise",
    };

    /// <summary>The description after the event and <c>__</c>, underscores read as spaces; empty for the event alone.</summary>
    public static string Description(string fileName)
    {
        var split = fileName.IndexOf("__", StringComparison.Ordinal);
        return split < 0 ? "" : fileName[(split + 2)..^4].Replace('_', ' ');
    }

    /// <summary>
    /// Whether the file name is a callback's (the event alone, or the event, <c>__</c> and a description). For a
    /// callback, <paramref name="refusal"/> says why Greenlight cannot run it, or is null when it runs it.
    /// </summary>
    public static bool TryParse(string fileName, out string callbackEvent, out string? refusal)
    {
        var stem = fileName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) ? fileName[..^4] : fileName;
        var split = stem.IndexOf("__", StringComparison.Ordinal);
        callbackEvent = split < 0 ? stem : stem[..split];
        refusal = Refused.GetValueOrDefault(callbackEvent);
        return Run.Contains(callbackEvent) || refusal is not null;
    }
}
