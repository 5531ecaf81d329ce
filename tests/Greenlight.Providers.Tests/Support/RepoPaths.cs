using System.Reflection;

namespace Greenlight.Providers.Tests.Support;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shop built with the same configuration as these tests (the project reference builds it first).</summary>
    public static string ShopDll { get; } = Path.Combine(Root, "samples", "shop", "bin", Configuration, "net10.0", "Shop.dll");

    private static string Configuration =>
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Greenlight.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Greenlight.slnx above {AppContext.BaseDirectory}");
    }
}
