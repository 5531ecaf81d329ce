using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Manifests as the tests write them, and their errors as users see them.</summary>
internal static class ManifestText
{
    /// <summary>Only the required keys; its last line is line 5.</summary>
    public const string Minimal = """
        app: shop
        run:
          command: dotnet
        edge:
          listen: 127.0.0.1:8080
        """;

    public static string With(string section) => Minimal + "\n" + section;

    public static IReadOnlyList<string> Errors(string yaml) =>
        [.. ManifestLoader.Parse(yaml, "greenlight.yaml").Errors.Select(e => e.ToString())];
}
