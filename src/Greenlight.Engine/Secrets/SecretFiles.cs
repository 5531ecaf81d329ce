using Greenlight.Core.Secrets;

namespace Greenlight.Engine.Secrets;

/// <summary>
/// The secrets a revision gets as files (<c>file: true</c>): one owner-only file per variable in an owner-only
/// directory of its own under the state directory, <c>secret-files/&lt;app&gt;/&lt;version&gt;/</c>, there for as long as
/// the revision runs.
/// </summary>
internal static class SecretFiles
{
    /// <summary>One per instance: stopping one of a revision's processes takes away its files only.</summary>
    public static string DirectoryOf(string stateDirectory, string app, string version, int instance) =>
        Path.Combine(Path.GetFullPath(stateDirectory), "secret-files", app, instance == 0 ? version : $"{version}#{instance}");

    /// <returns>The file's full path, which the variable holds.</returns>
    public static string Write(string directory, string name, string value)
    {
        OwnerOnly.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        OwnerOnly.WriteAllText(path, value);
        return path;
    }

    public static void Remove(string directory)
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }
}
