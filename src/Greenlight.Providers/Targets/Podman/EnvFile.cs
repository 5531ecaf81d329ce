using Greenlight.Core.Secrets;
using Greenlight.Core.Targets;

namespace Greenlight.Providers.Targets.Podman;

/// <summary>The revision's environment in a file only its owner can read, given to <c>run --env-file</c>: a value on the
/// command line would show in <c>ps</c> to every user of the machine. The engine removes it once the container exists.</summary>
internal static class EnvFile
{
    /// <returns>The file's path, in <paramref name="directory"/>.</returns>
    /// <exception cref="RevisionStartException">A value holds a line break, which an env file cannot carry (the value is not named).</exception>
    public static string Write(RevisionSpec spec, IReadOnlyDictionary<string, string> environment, string directory)
    {
        if (environment.FirstOrDefault(e => e.Value.Contains('\n') || e.Value.Contains('\r')) is { Key: { } multiLine })
            throw new RevisionStartException(
                $"{spec.App} {spec.Version}: the value of {multiLine} spans several lines, which a container's env file cannot carry");
        OwnerOnly.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.env");
        using (var writer = new StreamWriter(OwnerOnly.Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.None)))
            foreach (var (name, value) in environment)
                writer.Write($"{name}={value}\n");
        return path;
    }
}
