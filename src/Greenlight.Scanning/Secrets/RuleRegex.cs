using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Secrets;

/// <summary>Compiles rule patterns: our built-in rules are written in .NET syntax, gitleaks configs in Go RE2.</summary>
internal static class RuleRegex
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>A pattern in .NET syntax (the built-in rules).</summary>
    public static Regex Compile(string pattern, string ruleId, string what = "regex") => Build(pattern, pattern, ruleId, what);

    /// <summary>A pattern from a gitleaks config, in Go RE2 syntax, translated so it matches what gitleaks matches.</summary>
    public static Regex CompileGo(string pattern, string ruleId, string what = "regex")
    {
        string dotnet;
        try
        {
            dotnet = GoRegex.Translate(pattern);
        }
        catch (GoRegexException e)
        {
            throw new SecretConfigException($"rule '{ruleId}': invalid {what} '{pattern}': {e.Message}", e);
        }
        return Build(dotnet, pattern, ruleId, what);
    }

    private static Regex Build(string dotnet, string original, string ruleId, string what)
    {
        try
        {
            return new Regex(dotnet, RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);
        }
        catch (ArgumentException e)
        {
            throw new SecretConfigException($"rule '{ruleId}': invalid {what} '{original}': {e.Message}", e);
        }
    }
}
