using System.Reflection;

namespace Greenlight.Testing;

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shop built with the same configuration as the tests (a project reference builds it first).</summary>
    public static string ShopDll { get; } = Built("samples/shop", "Shop.dll");

    /// <summary>The greenlight command, run as <c>dotnet greenlight.dll</c>.</summary>
    public static string GreenlightDll { get; } = Built("src/Greenlight.Cli", "greenlight.dll");

    public static string ShopManifest { get; } = Path.Combine(Root, "samples", "shop", "greenlight.yaml");

    private static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string Built(string project, string file) => Path.Combine(Root, project, "bin", Configuration, "net10.0", file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Greenlight.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"no Greenlight.slnx above {AppContext.BaseDirectory}");
    }
}
