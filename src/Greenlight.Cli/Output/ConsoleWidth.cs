namespace Greenlight.Cli.Output;

/// <summary>
/// How wide human output may be. Piped to a file or a script, never wrapped: a line stays one line for grep and cut,
/// whatever COLUMNS says. On a terminal its own width, or COLUMNS when set (a narrower pane, a terminal that does
/// not report its size).
/// </summary>
internal static class ConsoleWidth
{
    /// <summary>Wide enough that nothing wraps, small enough for Spectre's layout arithmetic.</summary>
    public const int Unbounded = 1 << 16;

    /// <returns>The width to set, or null to keep the terminal's own.</returns>
    public static int? Of(bool redirected, string? columns) =>
        redirected ? Unbounded
        : int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width) && width > 0 ? width
        : null;

    public static void Apply()
    {
        if (Of(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("COLUMNS")) is { } width)
            Spectre.Console.AnsiConsole.Profile.Width = width;
    }
}
