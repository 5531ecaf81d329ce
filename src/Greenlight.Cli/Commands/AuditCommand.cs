using System.CommandLine;
using System.Globalization;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Audit;
using Greenlight.Engine.Audit;
using Greenlight.Engine.State;
using Greenlight.Server.Hosting;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>
/// `greenlight audit verify|export|key`: read the audit log of the manifest's state directory (no controller needed;
/// the store is read as it is on disk), or an export. See docs/audit.md.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var export = new Option<DirectoryInfo?>("--export") { Description = "Verify this export (a directory written by `greenlight audit export`) instead of the state directory's log" };
        var verify = new Command("verify", "Check the audit log's chain and signed checkpoints: exit 0 when intact, 3 naming the first bad entry") { export };
        verify.SetAction(async (result, ct) =>
        {
            var (log, whole, source) = result.GetValue(export) is { } dir
                ? (Read(dir.FullName), false, dir.FullName)
                : (await FromStateAsync(result, null, ct), true, "the state directory's audit log");
            var outcome = log.Verify(whole || log.Entries.Count == 0 || AuditEntry.Parse(log.Entries[0]).Seq == 1);
            Report(result, outcome, source);
            return outcome.Ok ? ExitCodes.Ok : ExitCodes.Tampered;
        });

        var since = new Option<string?>("--since") { Description = "From the first entry at or after this time (ISO 8601, e.g. 2026-12-01 or 2026-12-01T09:00:00Z); default: all" };
        var output = new Option<DirectoryInfo>("--out") { Description = "The directory to write entries.jsonl, checkpoints.jsonl and audit-key.pub.pem into", Required = true };
        var exportCommand = new Command("export", "Write the audit log as JSON Lines, its signed checkpoints and the public key, for verification anywhere") { since, output };
        exportCommand.SetAction(async (result, ct) =>
        {
            var from = result.GetValue(since) is { } text ? ParseTime(text) : (DateTimeOffset?)null;
            var log = await FromStateAsync(result, from, ct);
            var dir = result.GetValue(output)!.FullName;
            log.WriteTo(dir);
            if (result.IsJson())
                CommonOptions.WriteJson(new { directory = dir, entries = log.Entries.Count, checkpoints = log.Checkpoints.Count, key = log.Key.Fingerprint });
            else
                AnsiConsole.MarkupLine($"[green]✔[/] {log.Entries.Count} entries and {log.Checkpoints.Count} checkpoints written to {Render.Esc(dir)} (key {log.Key.Fingerprint})");
            return ExitCodes.Ok;
        });

        var key = new Command("key", "Print the public key (PEM) that verifies the checkpoints");
        key.SetAction(result =>
        {
            var stateDirectory = StateDirectory(result);
            var publicKey = AuditKeys.ReadPublic(stateDirectory) ?? throw new CliException(ExitCodes.Error, $"no audit key in {stateDirectory}: the controller creates it on its first start");
            Console.Out.Write(publicKey.PublicPem);
            return ExitCodes.Ok;
        });
        return new Command("audit", "The tamper-evident audit log: verify it, export it, print its public key") { verify, exportCommand, key };
    }

    private static string StateDirectory(ParseResult result) => ControllerFiles.ForManifest(result.GetValue(CommonOptions.File)!.FullName).StateDirectory;

    private static async Task<AuditExport> FromStateAsync(ParseResult result, DateTimeOffset? since, CancellationToken ct)
    {
        var stateDirectory = StateDirectory(result);
        var store = StateOption.Guard(() => StateStores.OpenConfigured(stateDirectory, TimeProvider.System))
            ?? throw new CliException(ExitCodes.Error, $"no state in {stateDirectory}: nothing was audited there yet");
        return await Guard(() => AuditExport.OfStoreAsync(store, stateDirectory, since, ct));
    }

    private static AuditExport Read(string directory) => Guard(() => Task.FromResult(AuditExport.Read(directory))).GetAwaiter().GetResult();

    private static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (AuditFileException e)
        {
            throw new CliException(ExitCodes.Error, e.Message);
        }
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
            : throw new CliException(ExitCodes.Rejected, $"--since {text}: not a time; expected ISO 8601 such as 2026-12-01 or 2026-12-01T09:00:00Z");

    private static void Report(ParseResult result, AuditVerification v, string source)
    {
        if (result.IsJson())
        {
            CommonOptions.WriteJson(Greenlight.Server.Api.AuditVerifyResult.Of(v));
            return;
        }
        if (v.Problem is { } p)
            Console.Error.WriteLine($"audit log NOT intact ({source}): first bad entry {p.Seq}: {p.What}");
        else
            AnsiConsole.MarkupLine($"[green]✔[/] audit log intact: entries {v.FirstSeq}–{v.LastSeq} ({v.Entries}) chained, {v.Checkpoints} signed checkpoint(s) verified ({Render.Esc(source)})");
    }
}
