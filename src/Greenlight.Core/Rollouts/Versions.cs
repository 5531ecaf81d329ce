using System.Text.RegularExpressions;

namespace Greenlight.Core.Rollouts;

/// <summary>What a version may be: it names revisions, log files and routes, so it is kept to safe characters.</summary>
public static partial class Versions
{
    /// <summary>Why <paramref name="version"/> cannot be released, or null when it can.</summary>
    public static string? Problem(string version) => Pattern().IsMatch(version) ? null
        : $"version \"{version}\" is not valid: expected 1-64 characters of letters, digits, '.', '-', '_' or '+', starting with a letter or digit";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}\z")]
    private static partial Regex Pattern();
}
