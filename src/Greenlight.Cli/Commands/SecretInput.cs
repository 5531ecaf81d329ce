using System.Text;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;

namespace Greenlight.Cli.Commands;

/// <summary>A secret's value from standard input: piped, all of it (one final newline dropped, as `echo` and heredocs
/// add one); at a terminal, one line typed without echo.</summary>
internal static class SecretInput
{
    /// <param name="example">A command that pipes the value in, for the error when none came.</param>
    public static string Read(string path, string? example = null)
    {
        var value = Console.IsInputRedirected ? Piped() : Typed(path);
        return value.Length > 0
            ? value
            : throw new CliException(ExitCodes.Rejected, $"no value for {path} on standard input: pipe it in, such as `{example ?? $"greenlight secrets set {path} < file"}`");
    }

    private static string Piped()
    {
        using var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        var text = input.ReadToEnd();
        return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
    }

    private static string Typed(string path)
    {
        Console.Error.Write($"value of {path} (not shown): ");
        var value = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
                value.Length = Math.Max(0, value.Length - 1);
            else if (!char.IsControl(key.KeyChar))
                value.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return value.ToString();
    }
}
