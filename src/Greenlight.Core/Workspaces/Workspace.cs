using Greenlight.Core.Manifest;

namespace Greenlight.Core.Workspaces;

/// <summary>
/// The apps one controller releases: a single manifest, a <c>greenlight.workspace.yaml</c> listing manifests, or a
/// directory of manifests. The controller's state lives in <c>.greenlight/</c> under <see cref="Root"/>.
/// </summary>
/// <param name="Root">The directory of the manifest or workspace file, or the workspace directory itself.</param>
/// <param name="Apps">Every app, each from its own manifest file, in the order listed.</param>
public sealed record Workspace(string Root, IReadOnlyList<AppManifest> Apps)
{
    public const string FileName = "greenlight.workspace.yaml";

    /// <summary>The default of <c>--file</c>: the workspace file of the current directory when there is one, else its manifest.</summary>
    public static string DefaultPath(string directory) =>
        File.Exists(Path.Combine(directory, FileName)) ? Path.Combine(directory, FileName) : Path.Combine(directory, "greenlight.yaml");

    /// <summary>Where the state of the controller for <paramref name="path"/> (a manifest, a workspace file or directory) lives.</summary>
    public static string StateDirectoryOf(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.Combine(Directory.Exists(full) ? full : Path.GetDirectoryName(full)!, ".greenlight");
    }

    public AppManifest? Find(string app) => Apps.FirstOrDefault(a => a.App == app);
}
