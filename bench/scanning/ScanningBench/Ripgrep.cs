using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Greenlight.Scanning.Secrets;

namespace ScanningBench;

/// <summary>
/// ripgrep with our default rules' regexes, translated to its default (Rust) engine: the rules use look-around
/// only as token boundaries, which a consumed boundary char (or line edge) expresses equally for line matching,
/// and the private-key rule's multi-line body is cut to its BEGIN line, where our finding is reported too.
/// </summary>
internal sealed class Ripgrep(string patternsFile, int threads)
{
    public static Ripgrep Prepare(string patternsFile, int threads)
    {
        File.WriteAllLines(patternsFile, SecretRules.Default.Rules.Where(r => r.Pattern is not null).Select(r => Translate(r.Pattern!.ToString())));
        return new(patternsFile, threads);
    }

    public static string Translate(string dotnet)
    {
        // "SK(?<![set]SK)" (boundary after the literal, for .NET's prefix search) is "(?<![set])SK".
        var rust = Regex.Replace(dotnet, @"([A-Za-z\\.]+)\(\?<!(\[[^\]]*\])\1\)", "(?<!$2)$1");
        rust = Regex.Replace(rust, @"\(\?<!(\[[^\]]*\])\)", m => $"(?:^|[^{m.Groups[1].Value[1..]})");
        rust = Regex.Replace(rust, @"\(\?!(\[[^\]]*\])\)", m => $"(?:[^{m.Groups[1].Value[1..]}|$)");
        rust = WithoutLookaheads(rust);
        var multiLine = rust.IndexOf(@"[\s\S]", StringComparison.Ordinal);
        if (multiLine >= 0) rust = rust[..multiLine];
        if (Regex.IsMatch(rust, @"\(\?<?[=!]")) throw new InvalidOperationException($"no translation for look-around in {dotnet}");
        return rust;
    }

    /// <summary>
    /// The unquoted generic rule's other look-aheads (value mixes letters and digits, is not a path, ends the line)
    /// only narrow a match; dropped, rg matches a superset of lines, which costs it more, not less.
    /// </summary>
    private static string WithoutLookaheads(string pattern)
    {
        for (var m = Regex.Match(pattern, @"\(\?[=!]"); m.Success; m = Regex.Match(pattern, @"\(\?[=!]"))
        {
            var depth = 0;
            var end = m.Index;
            do
            {
                if (pattern[end] == '\\') end++;
                else if (pattern[end] == '(') depth++;
                else if (pattern[end] == ')') depth--;
                end++;
            } while (depth > 0);
            pattern = pattern[..m.Index] + pattern[end..];
        }
        return pattern;
    }

    /// <summary>Runs rg once over the tree; returns the (file, line) of every matching line.</summary>
    public HashSet<(string File, int Line)> Search(string root)
    {
        var info = new ProcessStartInfo("rg") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        // --null ends the path with NUL, so "path\0line:text" parses whatever the text holds.
        foreach (var a in new[] { "--no-config", "-f", patternsFile, "--no-ignore", "--hidden", "-n", "--no-heading",
                     "--with-filename", "--null", "--color=never", "-j", threads.ToString(), "." })
            info.ArgumentList.Add(a);
        using var rg = Process.Start(info)!;
        var stderr = rg.StandardError.ReadToEndAsync();
        var found = new HashSet<(string, int)>();
        while (rg.StandardOutput.ReadLine() is { } line)
        {
            var nul = line.IndexOf('\0');
            var colon = line.IndexOf(':', nul);
            var path = line.StartsWith("./", StringComparison.Ordinal) ? line[2..nul] : line[..nul];
            found.Add((path, int.Parse(line.AsSpan(nul + 1, colon - nul - 1))));
        }
        rg.WaitForExit();
        // Exit code 1 means "no match", not failure.
        if (rg.ExitCode > 1) throw new InvalidOperationException($"rg failed ({rg.ExitCode}): {stderr.Result}");
        return found;
    }

    public static string Version()
    {
        using var rg = Process.Start(new ProcessStartInfo("rg", "--version") { RedirectStandardOutput = true })!;
        var first = rg.StandardOutput.ReadLine() ?? "rg";
        rg.WaitForExit();
        return first;
    }
}
