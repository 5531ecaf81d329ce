namespace Greenlight.Scanning.Tests.Iac;

/// <summary>Files of the source tree: the hand-written plan fixtures and the rule reference.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Fixture(string name) => Path.Combine(Root, "tests", "Greenlight.Scanning.Tests", "Iac", "Fixtures", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Greenlight.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Greenlight.slnx above {AppContext.BaseDirectory}");
    }
}
