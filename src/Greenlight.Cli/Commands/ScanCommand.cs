using System.CommandLine;
using Greenlight.Cli.Output;
using Greenlight.Scanning.Secrets;
using Greenlight.Scanning.Trees;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>
/// `greenlight scan secrets`: the pipeline's secret check on any tree, without a manifest; and the way to start a
/// baseline when a repository already holds accepted secrets (test fixtures, revoked keys).
/// </summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var path = new Argument<DirectoryInfo>("path") { Description = "The tree to scan", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var config = new Option<FileInfo?>("--config") { Description = "A gitleaks-format TOML rule file instead of the built-in rules" };
        var rules = new Option<string>("--rules")
        {
            Description = "The built-in rules: default (Greenlight's) or gitleaks (gitleaks' own 222 rules)",
            DefaultValueFactory = _ => SecretRules.DefaultName,
        };
        rules.AcceptOnlyFromAmong([.. SecretRules.Names]);
        var baseline = new Option<FileInfo?>("--baseline") { Description = "Accepted findings, by fingerprint: not reported" };
        var history = new Option<bool>("--history") { Description = "Also scan every commit of the git history" };
        var write = new Option<FileInfo?>("--write-baseline") { Description = "Write every finding to this file as accepted, and exit 0 unless the scan is incomplete" };
        var depth = new Option<int>("--max-decode-depth")
        {
            Description = $"How many times base64, hex and percent-encoded text is decoded and scanned again (0 turns decoding off; default {SecretScanOptions.DefaultDecodeDepth}, as gitleaks)",
            DefaultValueFactory = _ => SecretScanOptions.DefaultDecodeDepth,
        };
        depth.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > SecretScanOptions.MaxAllowedDecodeDepth)
                r.AddError($"--max-decode-depth: found {r.GetValueOrDefault<int>()}, expected a number of decoding passes from 0 to {SecretScanOptions.MaxAllowedDecodeDepth}");
        });
        var secrets = new Command("secrets", "Find secrets in a tree (and its git history), redacted") { path, config, rules, baseline, history, write, depth };
        // A config file's rules replace the built-in ones, so a built-in set named beside it would be ignored.
        secrets.Validators.Add(r =>
        {
            if (r.GetValue(config) is not null && r.GetResult(rules) is { Implicit: false })
                r.AddError("--rules and --config cannot be used together: a config file's rules replace the built-in ones");
        });
        secrets.SetAction(result =>
        {
            var ruleSet = result.GetValue(config) is { } c ? GitleaksConfig.Load(c.FullName) : SecretRules.Named(result.GetValue(rules)!);
            var writing = result.GetValue(write);
            // Writing a baseline accepts what is there now, so an older baseline must not hide part of it.
            var root = result.GetValue(path)!.FullName;
            var options = new SecretScanOptions
            {
                Baseline = writing is null && result.GetValue(baseline) is { } b ? SecretBaseline.Load(b.FullName) : SecretBaseline.Empty,
                GitleaksIgnore = writing is null ? GitleaksIgnore.AtRoot(root) : GitleaksIgnore.Empty,
                MaxDecodeDepth = result.GetValue(depth),
            };
            foreach (var warning in options.GitleaksIgnore.Warnings)
                Console.Error.WriteLine($"warning: {warning}");
            var gaps = new TreeGaps();
            var findings = new SecretScanner(ruleSet, options).ScanDirectory(root, gaps).ToList();
            if (result.GetValue(history))
                findings.AddRange(new GitHistoryScanner(ruleSet, options).Scan(root));
            if (writing is not null)
                SecretBaseline.Save(writing.FullName, findings);
            Report(result, findings, writing, gaps.Unreadable.Count > 0);
            ReportGaps(gaps);
            // On stderr: what was silenced on purpose is said, never hidden, but stdout stays the findings alone.
            if (options.Suppressed.Total > 0)
                Console.Error.WriteLine(options.Suppressed.ToString());
            // A scan that could not read everything vouches for nothing: it never exits 0.
            return findings.Count > 0 && writing is null ? ExitCodes.Failed
                : gaps.Unreadable.Count > 0 ? ExitCodes.Error
                : ExitCodes.Ok;
        });
        return new Command("scan", "The pipeline's checks on their own") { secrets };
    }

    /// <summary>On stderr, so that the findings (or their JSON) stay alone on stdout.</summary>
    private static void ReportGaps(TreeGaps gaps)
    {
        foreach (var skipped in gaps.Skipped)
            Console.Error.WriteLine($"skipped {skipped}");
        foreach (var unreadable in gaps.Unreadable)
            Console.Error.WriteLine($"error: {unreadable}");
        if (gaps.Unreadable.Count > 0)
            Console.Error.WriteLine($"error: the scan is incomplete: {gaps.Unreadable.Count} {(gaps.Unreadable.Count == 1 ? "file or folder" : "files or folders")} could not be read");
    }

    private static string Count(IReadOnlyList<SecretFinding> findings) => findings.Count == 1 ? "1 secret" : $"{findings.Count} secrets";

    private static void Report(ParseResult result, IReadOnlyList<SecretFinding> findings, FileInfo? written, bool incomplete)
    {
        if (result.IsJson())
        {
            CommonOptions.WriteJson(findings);
            return;
        }
        foreach (var f in findings)
            AnsiConsole.Console.MarkupWholeLine($"{Render.Esc(f.ToString())} [grey](fingerprint {Render.Esc(f.Fingerprint)})[/]");
        AnsiConsole.MarkupLine(written is not null
            ? $"{Count(findings)} written to {Render.Esc(written.FullName)} as accepted"
            : findings.Count > 0 ? $"[red]✘ {Count(findings)} found[/]"
            : incomplete ? "[red]✘ no secrets found in what could be read, but the scan is incomplete[/]"
            : "[green]✔ no secrets found[/]");
    }
}
