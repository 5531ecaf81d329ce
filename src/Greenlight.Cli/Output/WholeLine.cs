using Spectre.Console;
using Spectre.Console.Rendering;

namespace Greenlight.Cli.Output;

/// <summary>
/// A line that is never folded, whatever the width: a finding (<c>file:line:col: rule …</c>) or a step's output stays
/// one line for grep, for an editor's click-to-open and for copying. Spectre folds at the console width, which on a
/// terminal that reports no size (a CI runner's pseudo-terminal, <c>docker run -t</c>) is 80 columns, cutting paths
/// in two; a terminal narrower than the line wraps it on screen instead, without adding a line break.
/// </summary>
internal static class WholeLine
{
    public static void MarkupWholeLine(this IAnsiConsole console, string markup)
    {
        console.Write(new Unfolded(new Markup(markup)));
        console.WriteLine();
    }

    private sealed class Unfolded(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, ConsoleWidth.Unbounded);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => inner.Render(options, ConsoleWidth.Unbounded);
    }
}
