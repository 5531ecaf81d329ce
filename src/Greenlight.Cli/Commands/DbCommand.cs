using System.CommandLine;
using System.Globalization;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Manifest;
using Greenlight.Migrations;
using Greenlight.Migrations.Lint;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight db …`: the app's migrations, from the manifest's <c>database</c> section, outside any release.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var version = new Argument<string>("version") { Description = "Scripts up to this version are taken as already applied" };
        return new Command("db", "The app's database migrations: status, migrate, validate, lint, baseline, repair")
        {
            Sub("status", "Every script: applied, pending, failed, with its phase", StatusAsync),
            Sub("migrate", "Lint the pending scripts, then apply them in order (stops at the first failure)", MigrateAsync),
            Sub("validate", "Changed checksums, missing scripts, failed entries, versions out of order", ValidateAsync),
            Sub("lint", "Check every script for statements that break a running release", (r, db, _) => Task.FromResult(Report(r, db.Lint()))),
            Sub("baseline", "Mark the database as at a version without running its scripts", async (r, db, ct) =>
            {
                await Migrator(db).BaselineAsync(r.GetValue(version)!, ct);
                return Done(r, new { baseline = r.GetValue(version) }, $"baselined at {r.GetValue(version)}");
            }, version),
            Sub("repair", "Remove failed entries, mark missing scripts deleted, realign checksums with the scripts on disk", async (r, db, ct) =>
            {
                var repaired = await Migrator(db).RepairAsync(ct);
                return Done(r, repaired, $"removed {repaired.RemovedFailedEntries} failed entries, marked {repaired.MarkedDeleted} missing as deleted, realigned {repaired.RealignedChecksums} checksums");
            }),
        };
    }

    private static Command Sub(string name, string description, Func<ParseResult, DatabaseSpec, CancellationToken, Task<int>> run, Argument<string>? argument = null)
    {
        var command = new Command(name, description);
        if (argument is not null)
            command.Arguments.Add(argument);
        command.SetAction((result, ct) => run(result, ManifestReport.Load(result).Database
            ?? throw new CliException(ExitCodes.Rejected, "the manifest has no database section (see docs/manifest.md#database)"), ct));
        return command;
    }

    private static async Task<int> StatusAsync(ParseResult result, DatabaseSpec db, CancellationToken ct)
    {
        var rows = await Migrator(db).InfoAsync(ct);
        if (result.IsJson())
            return Done(result, rows, "");
        var table = new Table().AddColumns("version", "description", "phase", "state", "installed");
        foreach (var row in rows)
            table.AddRow(Render.Esc(row.Version ?? "repeatable"), Render.Esc(row.Description), row.Phase?.ToString() ?? "-", row.State.ToString(), row.InstalledOn?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-");
        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> MigrateAsync(ParseResult result, DatabaseSpec db, CancellationToken ct)
    {
        var migrator = Migrator(db);
        var pending = (await migrator.ReadStatusAsync(ct)).Where(s => s.State == MigrationState.Pending).Select(s => s.Script).ToHashSet();
        // Warnings alone let migrate go on to print its own JSON: one document on stdout, the warnings on stderr.
        var findings = db.Lint(pending);
        var lint = Report(result, findings, json: findings.Any(f => f.Fails));
        if (lint != ExitCodes.Ok)
            return lint;
        var applied = await migrator.MigrateAsync(ct: ct);
        if (applied.Failure is { } failure)
            throw new CliException(ExitCodes.Failed, $"{failure.Message} The scripts before it are applied.");
        return Done(result, applied, $"applied {applied.Applied.Count} script(s): {string.Join(", ", applied.Applied.Select(a => a.Script))}");
    }

    private static async Task<int> ValidateAsync(ParseResult result, DatabaseSpec db, CancellationToken ct)
    {
        var validation = await Migrator(db).ValidateAsync(ct);
        if (validation.IsValid)
            return Done(result, validation, "history and scripts agree");
        foreach (var problem in validation.Problems)
            Console.Error.WriteLine($"error: {problem.Message}");
        if (result.IsJson())
            CommonOptions.WriteJson(validation);
        return ExitCodes.Rejected;
    }

    /// <summary>Every finding as file:line:column: rule, message (the safe alternative follows); exit 2 when any is more than Low-severity advice.</summary>
    private static int Report(ParseResult result, IReadOnlyList<LintFinding> findings, bool json = true)
    {
        if (json && result.IsJson() && findings.Count > 0)
            CommonOptions.WriteJson(new { findings });
        foreach (var finding in findings)
            Console.Error.WriteLine($"{(finding.Fails ? "error" : "warning")}: {finding}\n       instead: {finding.SafeAlternative}");
        return findings.Any(f => f.Fails) ? ExitCodes.Rejected : ExitCodes.Ok;
    }

    private static int Done(ParseResult result, object value, string human)
    {
        if (result.IsJson())
            CommonOptions.WriteJson(value);
        else if (human.Length > 0)
            AnsiConsole.MarkupLine($"[green]✔[/] {Render.Esc(human)}");
        return ExitCodes.Ok;
    }

    private static Migrator Migrator(DatabaseSpec db) => db.CreateMigrator();

}
