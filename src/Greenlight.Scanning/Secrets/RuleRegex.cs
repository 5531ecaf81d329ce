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
        return Build(dotnet, pattern, at, what);
    }

    private static Regex Build(string dotnet, string original, string at, string what)
    {
        try
        {
            return new Regex(dotnet, RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);
        }
        catch (ArgumentException e)
        {
            throw new SecretConfigException($"{at}: invalid {what} '{original}': {e.Message}", e);
        }
    }
}
