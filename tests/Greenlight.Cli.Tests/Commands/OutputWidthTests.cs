using Greenlight.Cli.Output;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>Piped output is never wrapped; a terminal's is wrapped at its width, or at COLUMNS when set, except findings and step output: one line each.</summary>
public sealed class OutputWidthTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Reason = "health check GET /health answered 503";

    [Fact]
    public async Task HistoryAndStatus_PipedOrOnATerminal_WrapOnlyOnTheTerminalAtColumns()
    {
        using var ws = new CliWorkspace();
        await ws.StartControllerAsync();
        Assert.Equal(0, (await ws.RunAsync("deploy", "1.0")).ExitCode);
        Assert.Equal(3, (await ws.RunAsync("deploy", "2.1")).ExitCode); // fails its health check: a long reason
        var narrow = new Dictionary<string, string> { ["COLUMNS"] = "60" };

        var piped = await ws.RunWithAsync(narrow, "history");
        var pipedStatus = await ws.RunWithAsync(narrow, "status");
        var terminal = await ws.RunInTerminalAsync(narrow, "history");

        output.WriteLine(piped.Stdout);
        output.WriteLine(terminal.Stdout);
        // Piped: the failed release's row is one line, from its version to the end of its reason, whatever COLUMNS says.
        Assert.Contains(Lines(piped.Stdout), l => l.Contains("2.1") && l.Contains(Reason) && l.Length > 150);
        Assert.Contains(Lines(pipedStatus.Stdout), l => l.Contains("shop") && l.Contains("serving: 1.0"));
        // On a terminal: no line wider than COLUMNS, and the reason is still all there, across lines.
        Assert.Equal(0, terminal.ExitCode);
        var screen = Lines(terminal.Stdout);
        Assert.All(screen, l => Assert.True(l.Length <= 60, $"{l.Length} columns: {l}"));
        Assert.Contains(screen, l => l.Contains("2.1"));
        Assert.DoesNotContain(screen, l => l.Contains(Reason));
        Assert.True(screen.Count > Lines(piped.Stdout).Count, "the rows are wrapped into more lines on the terminal"); // the reason, wrapped into its column
    }

    [Fact]
    public async Task ScanAndPipelineFindings_LongPathPipedOrOnATerminal_StayOneLineEachWhileTablesFollowColumns()
    {
        const string dir = "deploy/services/payments/overlays/production-eu-west-1/workloads/checkout";
        using var ws = new CliWorkspace(edit: text => text + "pipeline:\n  stages:\n    - name: scan\n      steps:\n        - {name: infra, check: iac, path: deploy}\n");
        Directory.CreateDirectory(Path.Combine(ws.Directory, dir));
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, dir, "settings.py"), $"aws_access_key_id = \"{"AK" + "IA" + "Q7ZT3XK2VB6N4MWR"}\"\n", ws.Cancellation);
        await File.WriteAllTextAsync(Path.Combine(ws.Directory, dir, "pod.yaml"),
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n", ws.Cancellation);
        var narrow = new Dictionary<string, string> { ["COLUMNS"] = "60" };
        var unsized = new Dictionary<string, string>(); // script(1) run without a terminal makes one of no size

        // Piped, COLUMNS or not; on a terminal that reports no size (Spectre assumes 80), and on one COLUMNS narrows.
        var scans = new[] { await ws.RunWithAsync(narrow, "scan", "secrets"), await ws.RunInTerminalAsync(unsized, "scan", "secrets"), await ws.RunInTerminalAsync(narrow, "scan", "secrets") };
        var runs = new[] { await ws.RunWithAsync(narrow, "pipeline", "run"), await ws.RunInTerminalAsync(unsized, "pipeline", "run"), await ws.RunInTerminalAsync(narrow, "pipeline", "run") };

        foreach (var scan in scans)
        {
            output.WriteLine(scan.Stdout);
            Assert.Equal(3, scan.ExitCode);
            Assert.Single(Lines(scan.Stdout), l => l.StartsWith($"{dir}/settings.py:1:22: aws-access-key-id:") && l.Contains($"(fingerprint {dir}/settings.py:aws-access-key-id:"));
        }
        foreach (var run in runs)
        {
            output.WriteLine(run.Stdout);
            Assert.Equal(3, run.ExitCode);
            var lines = Lines(run.Stdout);
            Assert.Contains(lines, l => l.Contains($"infra │ services/payments/overlays/production-eu-west-1/workloads/checkout/pod.yaml:7: IAC007 Pod/default/web spec.containers[0].image:") && l.EndsWith("(nginx@sha256:...)"));
            Assert.Contains(lines, l => l.StartsWith("    services/payments/") && l.Contains("pod.yaml:6: IAC006") && l.EndsWith("resources.limits.cpu"));
        }
        // COLUMNS still sets the width of everything else on a terminal: the steps' table fits in it.
        Assert.All(Lines(runs[2].Stdout).Where(l => l.StartsWith('│')), l => Assert.True(l.Length <= 60, $"{l.Length} columns: {l}"));
    }

    [Theory]
    [InlineData(true, "60", ConsoleWidth.Unbounded)]
    [InlineData(true, null, ConsoleWidth.Unbounded)]
    [InlineData(false, "60", 60)]
    [InlineData(false, null, null)]
    [InlineData(false, "wide", null)]
    [InlineData(false, "0", null)]
    public void Of_RedirectedOrTerminal_PipedIsUnboundedAndColumnsWinsOnATerminal(bool redirected, string? columns, int? expected) =>
        Assert.Equal(expected, ConsoleWidth.Of(redirected, columns));

    /// <summary>The text of each line, without the terminal's control sequences (.NET switches the keypad mode on a terminal).</summary>
    private static List<string> Lines(string output) =>
        [.. System.Text.RegularExpressions.Regex.Replace(output, @"\x1b(\[[0-9;?]*[A-Za-z]|[=>])", "").Replace("\r", "").Split('\n').Select(l => l.TrimEnd())];
}
