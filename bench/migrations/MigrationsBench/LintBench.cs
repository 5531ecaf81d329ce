using System.Diagnostics;
using System.Globalization;
using Greenlight.Migrations;
using Greenlight.Migrations.Lint;

namespace MigrationsBench;

/// <summary>
/// PostgreSQL lint throughput on the generated corpus: Greenlight's <see cref="SqlLinter"/> (in process, after a
/// warm-up, reading each file as `db lint` does) against squawk's native binary (one process per round, as CI runs
/// it), when the run script could install squawk (environment SQUAWK; SQUAWK_UNAVAILABLE says why not).
/// Best round of each; the ratio is Greenlight's time / squawk's, like the other JSON ratios.
/// </summary>
internal sealed class LintBench
{
    private readonly string[] _files;
    private readonly string? _squawk = Environment.GetEnvironmentVariable("SQUAWK") is { Length: > 0 } path ? path : null;

    private LintBench(string folder) => _files = [.. Directory.EnumerateFiles(folder, "*.sql").Order()];

    public int Files => _files.Length;
    public double? GreenlightSeconds { get; private set; }
    public int GreenlightFindings { get; private set; }
    public double? SquawkSeconds { get; private set; }
    public int SquawkFindings { get; private set; }
    public string? SquawkVersion { get; private set; }
    public string? SquawkProblem { get; private set; }

    public static LintBench Run(string folder, int rounds)
    {
        var bench = new LintBench(folder);
        bench.SquawkProblem = bench._squawk is null ? Environment.GetEnvironmentVariable("SQUAWK_UNAVAILABLE") ?? "squawk not installed" : null;
        bench.LintWithGreenlight(); // warm-up: JIT
        if (bench._squawk is not null) bench.TryLintWithSquawk(); // warm-up: page cache
        for (var round = 0; round < rounds; round++)
        {
            bench.GreenlightSeconds = Min(bench.GreenlightSeconds, bench.LintWithGreenlight());
            if (bench.SquawkProblem is null && bench.TryLintWithSquawk() is { } seconds) bench.SquawkSeconds = Min(bench.SquawkSeconds, seconds);
        }
        return bench;
    }

    public double? Ratio => GreenlightSeconds is { } g && SquawkSeconds is { } s && s > 0 ? Math.Round(g / s, 3) : null;

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"lint, PostgreSQL rules, the same {Files} generated scripts (best round):");
        Console.WriteLine(Line("Greenlight", GreenlightSeconds, GreenlightFindings, "in process, as db lint and a release run it"));
        Console.WriteLine(SquawkSeconds is null
            ? $"{"squawk",-12} not measured: {SquawkProblem}"
            : Line("squawk", SquawkSeconds, SquawkFindings, $"{SquawkVersion}, native binary, one process per round"));
        if (Ratio is { } ratio)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(lint_vs_squawk {ratio}: Greenlight's time / squawk's; below 1 means Greenlight is faster)"));
    }

    public Dictionary<string, object?> Json() => new()
    {
        ["lint_files"] = Files,
        ["lint_greenlight_files_per_s"] = PerSecond(GreenlightSeconds),
        ["lint_squawk_files_per_s"] = PerSecond(SquawkSeconds),
        ["lint_vs_squawk"] = Ratio,
        ["squawk"] = SquawkVersion,
        ["squawk_unavailable"] = SquawkSeconds is null ? SquawkProblem : null,
    };

    private double LintWithGreenlight()
    {
        var clock = Stopwatch.StartNew();
        var findings = 0;
        foreach (var file in _files)
            findings += SqlLinter.Lint(File.ReadAllText(file), Path.GetFileName(file), DatabaseProvider.PostgreSql).Count;
        GreenlightFindings = findings;
        return clock.Elapsed.TotalSeconds;
    }

    // squawk exits 1 when it finds something (it will: the corpus builds indexes without CONCURRENTLY).
    private double? TryLintWithSquawk()
    {
        try
        {
            SquawkVersion ??= RunSquawk(["--version"]).Output.Trim();
            var clock = Stopwatch.StartNew();
            var (exit, output) = RunSquawk(["--reporter", "gcc", .. _files]);
            var seconds = clock.Elapsed.TotalSeconds;
            if (exit is not (0 or 1)) throw new InvalidOperationException($"squawk exited {exit}: {output.Split('\n')[0]}");
            SquawkFindings = output.Split('\n').Count(line => line.Contains(": warning: ", StringComparison.Ordinal) || line.Contains(": error: ", StringComparison.Ordinal));
            return seconds;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            SquawkProblem = e.Message;
            return null;
        }
    }

    private (int Exit, string Output) RunSquawk(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(_squawk!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private double? PerSecond(double? seconds) => seconds is { } s && s > 0 ? Math.Round(Files / s, 1) : null;

    private string Line(string tool, double? seconds, int findings, string how) =>
        string.Create(CultureInfo.InvariantCulture, $"{tool,-12} {seconds,9:0.0000} s {PerSecond(seconds),10:0} files/s {findings,6} findings  ({how})");

    private static double Min(double? best, double seconds) => best is { } b ? Math.Min(b, seconds) : seconds;
}
