using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Secrets;

/// <summary>Compiles rule patterns: our built-in rules are written in .NET syntax, gitleaks configs in Go RE2.</summary>
internal static class RuleRegex
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>A pattern in .NET syntax (the built-in rules).</summary>
    public static Regex Compile(string pattern, string ruleId, string what = "regex") => Build(pattern, pattern, $"rule '{ruleId}'", what);

    /// <summary>A pattern from a gitleaks config, in Go RE2 syntax, translated so it matches what gitleaks matches.</summary>
    /// <param name="at">Where the pattern was written, for errors (a config's key path); the rule id by default.</param>
    public static Regex CompileGo(string pattern, string ruleId, string what = "regex", string? at = null)
    {
        at ??= $"rule '{ruleId}'";
        string dotnet;
        try
        {
            dotnet = GoRegex.Translate(pattern);
        }
        catch (GoRegexException e)
        {
            throw new SecretConfigException($"{at}: invalid {what} '{pattern}': {e.Message}", e);
        }
        // RE2 patterns have no look-arounds or back-references, so .NET's automaton engine takes (nearly) all of
        // them, and in linear time as in gitleaks: gitleaks' generic-api-key starts with a lazy [\w.-]{0,50}?, which
        // the backtracking engine retries at every position of a file, up to 50 times.
        return Build(dotnet, pattern, at, what, RegexOptions.NonBacktracking);
    }

    private static Regex Build(string dotnet, string original, string at, string what, RegexOptions engine = RegexOptions.Compiled)
    {
        try
        {
            return new Regex(dotnet, RegexOptions.CultureInvariant | engine, Timeout);
        }
        catch (NotSupportedException) when (engine == RegexOptions.NonBacktracking)
        {
            // A construct of our translation the automaton does not take (an atomic group, say): backtracking it is.
            return Build(dotnet, original, at, what);
        }
        catch (ArgumentException e)
        {
            throw new SecretConfigException($"{at}: invalid {what} '{original}': {e.Message}", e);
        }
    }
}
