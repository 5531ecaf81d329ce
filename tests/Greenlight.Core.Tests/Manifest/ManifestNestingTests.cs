using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>Nesting past the limit is a located error, not a stack overflow that takes the process down.</summary>
public sealed class ManifestNestingTests
{
    private const string Expected = "expected at most 256 levels of nesting";

    [Fact]
    public void Load_100KBManifestOf50000NestedLists_ReportsTheListThatGoesTooDeep()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("greenlight-nesting-").FullName, "greenlight.yaml");
        File.WriteAllText(path, With("tags: " + new string('[', 50_000) + new string(']', 50_000)));
        try
        {
            Assert.True(new FileInfo(path).Length > 100_000);

            var result = ManifestLoader.Load(path);

            var error = Assert.Single(result.Errors);
            // The root mapping is level 1 and "tags: " puts the first [ at column 7, so level 257 is the [ at column 262.
            Assert.Equal((path, 6, 262), (error.File, error.Line, error.Column));
            Assert.Equal($"{path}:6:262: found a list nested more than 256 levels deep, {Expected}", error.ToString());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Theory]
    [InlineData("{a: ", "}", "a mapping")]
    [InlineData("- ", "", "a list")]
    public void Parse_DeepMappingsOrBlockLists_AreReportedToo(string open, string close, string found)
    {
        var yaml = "app: shop\ntags:\n  " + string.Concat(Enumerable.Repeat(open, 10_000)) + "x" + string.Concat(Enumerable.Repeat(close, 10_000));

        var error = Assert.Single(ManifestLoader.Parse(yaml, "greenlight.yaml").Errors);

        Assert.Equal(3, error.Line);
        Assert.Equal($"found {found} nested more than 256 levels deep", error.Message);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_IsReadLikeAnyOtherValue()
    {
        // The root mapping is level 1, so 255 lists under a key reach exactly the limit.
        var errors = Errors(With("tags: " + new string('[', 255) + new string(']', 255)));

        Assert.Equal(["greenlight.yaml:6:1: tags: unknown key, expected one of app, run, health, edge, strategy, analysis, database, pipeline, checks, secrets, environments, kubernetes, reconcile, notifications"], errors);
    }
}
