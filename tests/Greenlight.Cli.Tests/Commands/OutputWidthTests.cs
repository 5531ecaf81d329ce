using Greenlight.Cli.Output;
using Greenlight.Cli.Tests.Support;

namespace Greenlight.Cli.Tests.Commands;

/// <summary>Piped output is never wrapped; a terminal's is wrapped at its width, or at COLUMNS when set.</summary>
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
