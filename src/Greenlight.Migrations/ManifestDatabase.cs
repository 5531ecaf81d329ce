using Greenlight.Core.Manifest;
using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations;

/// <summary>From the manifest's <c>database</c> section to a migrator: one mapping for the CLI and the controller.</summary>
public static class ManifestDatabase
{
    public static DatabaseProvider Provider(this DatabaseSpec db) =>
        db.Provider == "postgresql" ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;

    /// <summary>Reads the connection string now (from the environment when the manifest names a variable).</summary>
    public static Migrator CreateMigrator(this DatabaseSpec db, TimeProvider? time = null) => new(new MigratorOptions
    {
        ConnectionString = db.ResolveConnection(),
        Provider = db.Provider(),
        ScriptsFolder = db.Migrations,
        HistoryTable = db.HistoryTable,
        OutOfOrder = db.OutOfOrder,
        StatementTimeout = db.StatementTimeout,
        LockTimeout = db.LockTimeout,
        InstalledBy = db.InstalledBy,
        Placeholders = db.Placeholders,
        Time = time ?? TimeProvider.System,
    });

    /// <summary>Lints the scripts whose paths are in <paramref name="only"/> (relative to the migrations folder, as the history names them), or all.</summary>
    public static IReadOnlyList<LintFinding> Lint(this DatabaseSpec db, IReadOnlySet<string>? only = null) =>
        (Directory.Exists(db.Migrations) ? Directory.EnumerateFiles(db.Migrations, "*.sql", SearchOption.AllDirectories).Order() : Enumerable.Empty<string>())
            .Where(path => only is null || only.Contains(Path.GetRelativePath(db.Migrations, path).Replace('\\', '/')))
            .SelectMany(path => SqlLinter.Lint(File.ReadAllText(path), Path.GetRelativePath(Directory.GetCurrentDirectory(), path), db.Provider(), options: db.LintOptions()))
            .ToList();

    /// <summary>The manifest's lint switches, and whether the migrator sets a lock_timeout for every run.</summary>
    public static LintOptions LintOptions(this DatabaseSpec db) => new()
    {
        RequireLockTimeout = db.Lint.RequireLockTimeout,
        LockTimeoutConfigured = db.LockTimeout is not null,
        TypeAdvice = db.Lint.TypeAdvice,
    };
}
