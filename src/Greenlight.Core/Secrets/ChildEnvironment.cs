using System.Collections;
using System.Diagnostics;

namespace Greenlight.Core.Secrets;

/// <summary>
/// The environment of every program Greenlight starts (revisions, the edge, pipeline steps): what the manifest
/// gives it, plus the few variables of the controller's own environment on <see cref="Names"/> and
/// <see cref="Prefixes"/>. Nothing else is passed on: the controller's environment holds the operator's secrets
/// (the variable <c>database.connectionFromEnv</c> names, cloud credentials, tokens of the shell it was started from).
/// </summary>
public static class ChildEnvironment
{
    /// <summary>Where programs are, who and where the user is, language, time zone and terminal.</summary>
    public static readonly IReadOnlyList<string> Names = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TERM"];

    /// <summary>Locale categories, and the settings of the .NET runtime and CLI (where it is, telemetry, first run).</summary>
    public static readonly IReadOnlyList<string> Prefixes = ["LC_", "DOTNET_"];

    public static bool IsPassedOn(string name) =>
        Names.Contains(name) || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    /// <param name="parent">The controller's environment; a parameter so that a test can give one.</param>
    /// <param name="given">What the manifest (or Greenlight itself) gives the program; it wins over the parent's.</param>
    public static Dictionary<string, string> Build(IDictionary parent, IEnumerable<KeyValuePair<string, string>> given)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in parent)
        {
            if (entry is { Key: string name, Value: string value } && IsPassedOn(name))
                environment[name] = value;
        }
        foreach (var (name, value) in given)
            environment[name] = value;
        return environment;
    }

    /// <summary>Replaces the environment <paramref name="start"/> would inherit with <see cref="Build"/>'s, from this process's.</summary>
    public static void Apply(ProcessStartInfo start, IEnumerable<KeyValuePair<string, string>> given)
    {
        var environment = Build(Environment.GetEnvironmentVariables(), given);
        start.Environment.Clear();
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
    }
}
