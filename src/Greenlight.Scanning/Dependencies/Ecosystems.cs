namespace Greenlight.Scanning.Dependencies;

/// <summary>Ecosystem names exactly as osv.dev spells them, so records and packages join on them.</summary>
public static class Ecosystems
{
    public const string NuGet = "NuGet";
    public const string Npm = "npm";
}
