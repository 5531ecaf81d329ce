using System.Text.RegularExpressions;

namespace Greenlight.Scanning.Secrets;

/// <summary>Compiles rule patterns, turning the few Go (RE2) spellings gitleaks configs use into .NET ones.</summary>
internal static class RuleRegex
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Regex Compile(string pattern, string ruleId, string what = "regex")
    {
        try
        {
            // RE2 names groups (?P<name>...); .NET only knows (?<name>...).
            var dotnet = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
            return new Regex(dotnet, RegexOptions.CultureInvariant | RegexOptions.Compiled, Timeout);
        }
        catch (ArgumentException e)
        {
            throw new SecretConfigException($"rule '{ruleId}': invalid {what} '{pattern}': {e.Message}", e);
        }
    }
}
