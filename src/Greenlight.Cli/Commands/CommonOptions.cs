using System.CommandLine;
using System.Text.Json;
using Greenlight.Cli.Client;

namespace Greenlight.Cli.Commands;

internal enum OutputFormat { Human, Json }

/// <summary>Options every command shares, and the one way results are printed as JSON.</summary>
internal static class CommonOptions
{
    public static readonly Option<FileInfo> File = new("--file", "-f")
    {
        Description = "The manifest, or a greenlight.workspace.yaml or directory of manifests (default: ./greenlight.workspace.yaml if present, else ./greenlight.yaml); the controller's state is in .greenlight/ there",
        DefaultValueFactory = _ => new FileInfo(Core.Workspaces.Workspace.DefaultPath(Directory.GetCurrentDirectory())),
        Recursive = true,
    };

    public static readonly Option<string?> App = new("--app")
    {
        Description = "Which app of the workspace (needed when the controller releases more than one)",
        Recursive = true,
    };

    public static readonly Option<string?> Profile = new("--profile")
    {
        Description = "Talk to the controller of this `greenlight login` profile (default: GREENLIGHT_PROFILE; else the local controller of --file; else the profile named default)",
        Recursive = true,
    };

    /// <summary>Of `up` and `down`: controllers of a failover group on one host share their edges.</summary>
    public static readonly Option<DirectoryInfo?> EdgesDir = new("--edges-dir")
    {
        Description = "Where the edges keep their state (default: .greenlight/ beside the manifest). Controllers of a failover group on one host give the same directory, so the one that takes over adopts the running edges",
    };

    /// <summary>The controller's files of --file, with its edges where --edges-dir says.</summary>
    public static Server.Hosting.ControllerFiles FilesOf(ParseResult result)
    {
        var files = Server.Hosting.ControllerFiles.ForManifest(result.GetValue(File)!.FullName);
        return result.GetValue(EdgesDir) is { } edges ? files with { EdgeRoot = edges.FullName } : files;
    }

    public static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "human (default) or json, for scripts",
        DefaultValueFactory = _ => OutputFormat.Human,
        Recursive = true,
    };

    // Relaxed escaping: output is for terminals and scripts, not HTML; "->" should read as "->".
    private static readonly JsonSerializerOptions Indented = new(ControllerClient.Json)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteJson(object value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    public static bool IsJson(this ParseResult result) => result.GetValue(Output) == OutputFormat.Json;

    /// <summary>The controller of the manifest or workspace named by --file, asked about the app named by --app.</summary>
    public static ControllerClient Connect(this ParseResult result) =>
        ControllerClient.Connect(result.GetValue(File)!.FullName, result.GetValue(App), profile: result.GetValue(Profile));

    /// <summary>The controller, for calls about the controller as a whole (users, tokens): no <c>?app=</c> on them.</summary>
    public static ControllerClient ConnectWholeController(this ParseResult result) =>
        ControllerClient.Connect(result.GetValue(File)!.FullName, profile: result.GetValue(Profile));
}
