using System.Text.RegularExpressions;

namespace Greenlight.Core.Manifest;

/// <summary><c>${name}</c> placeholders: <c>${version}</c> in run args and env, captured variables in check steps.</summary>
public static partial class Placeholders
{
    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Pattern();

    public static IEnumerable<string> Names(string text) => Pattern().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>Replaces each placeholder that <paramref name="valueOf"/> knows; unknown ones stay as written.</summary>
    public static string Expand(string text, Func<string, string?> valueOf) =>
        Pattern().Replace(text, m => valueOf(m.Groups[1].Value) ?? m.Value);
}
