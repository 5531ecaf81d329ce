using System.Text.RegularExpressions;
using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Manifest;

/// <summary>The manifests users copy from — the reference's example and the shop sample — must stay valid.</summary>
public sealed partial class ManifestExamplesTests
{
    [Fact]
    public void Parse_ExampleAtTheTopOfTheReference_IsValid()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "manifest.md"));
        var example = YamlBlock().Match(reference).Groups[1].Value;

        var result = ManifestLoader.Parse(example, "docs/manifest.md");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.GetOrThrow().Checks[0].Steps.Count);
    }

    [Fact]
    public void Parse_CanaryExampleOfTheReference_IsValid()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "manifest.md"));
        var example = YamlBlock().Matches(reference).Select(m => m.Groups[1].Value).Single(yaml => yaml.Contains("canary:"));

        var manifest = ManifestLoader.Parse(example, "docs/manifest.md").GetOrThrow();

        Assert.Equal(6, manifest.Strategy.Canary?.Steps.Count);
        Assert.Equal(4, manifest.Analysis.Metrics.Count);
    }

    [Fact]
    public void Parse_ContainersExampleOfTheReference_IsValid()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "manifest.md"));
        var example = YamlBlock().Matches(reference).Select(m => m.Groups[1].Value).Single(yaml => yaml.Contains("target: podman"));

        var run = ManifestLoader.Parse(example, "docs/manifest.md").GetOrThrow().Run;

        Assert.Equal(("podman", "localhost/shop:${version}", 8080, 2), (run.Target, run.Container?.Image, run.Container?.Port, run.Instances));
    }

    [Fact]
    public void Parse_EnvironmentsExampleOfTheReference_IsValid()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "manifest.md"));
        var example = YamlBlock().Matches(reference).Select(m => m.Groups[1].Value).Single(yaml => yaml.Contains("environments:"));

        var manifest = ManifestLoader.Parse(example, "docs/manifest.md").GetOrThrow();

        Assert.Equal(["staging", "production"], manifest.Environments.Select(e => e.Name));
        Assert.Equal([["one-box"], ["eu-west", "us-east"]], manifest.Environments[1].Waves);
        Assert.Equal("warn", manifest.ForRegion("production", "eu-west").Run.Environment["LOG_LEVEL"]);
    }

    [Fact]
    public void Parse_SecretsExampleOfTheReference_IsValid()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "manifest.md"));
        var example = YamlBlock().Matches(reference).Select(m => m.Groups[1].Value).Single(yaml => yaml.StartsWith("secrets:", StringComparison.Ordinal));

        var manifest = ManifestLoader.Parse(ManifestText.Minimal + "\n" + example, "docs/manifest.md").GetOrThrow();

        Assert.Equal(["API_TOKEN", "DB_PASSWORD", "LICENSE", "TLS_KEY"], manifest.Secrets.Variables.Keys.Order());
        Assert.True(manifest.Secrets.Variables["TLS_KEY"].AsFile);
    }

    [Fact]
    public void Parse_ApprovalExampleOfTheReference_IsValid()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "manifest.md"));
        var example = YamlBlock().Matches(reference).Select(m => m.Groups[1].Value).Single(yaml => yaml.StartsWith("approval:", StringComparison.Ordinal));
        var yaml = "app: shop\nrun:\n  command: dotnet\nenvironments:\n  - name: production\n    regions: [{name: one-box, edge: {listen: 127.0.0.1:8281}}]\n    " + example;

        var rule = ManifestLoader.Parse(yaml, "docs/manifest.md").GetOrThrow().Environments[0].Approval!;

        Assert.Equal((2, 1, TimeSpan.FromHours(24)), (rule.Required, rule.HotfixRequired, rule.ExpiresAfter));
    }

    [Fact]
    public void Parse_ExampleOfTheEnvironmentsGuide_IsValid()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "environments.md"));
        var example = YamlBlock().Matches(guide).Select(m => m.Groups[1].Value).Single(yaml => yaml.StartsWith("app:", StringComparison.Ordinal));

        var manifest = ManifestLoader.Parse(example, "docs/environments.md").GetOrThrow();

        Assert.Equal(["staging", "production"], manifest.Environments.Select(e => e.Name));
        var production = manifest.Environments[1];
        Assert.Equal([["one-box"], ["eu-west", "us-east"]], production.Waves);
        Assert.Equal(PromotionMode.Manual, production.Promotion);
        Assert.Equal("mon,tue,wed,thu 09:00-16:00 Europe/Berlin", production.Window?.ToString());
        Assert.Equal((2, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)), (production.MaxParallel, production.Bake, production.Soak));
        Assert.Equal("warn", manifest.ForRegion("production", "one-box").Run.Environment["LOG_LEVEL"]);
        Assert.Equal("debug", manifest.ForRegion("staging", "local").Run.Environment["LOG_LEVEL"]);
        Assert.Equal(["SHOP_API_TOKEN"], manifest.Secrets.Variables.Keys);
        Assert.Equal(ReconcileMode.Auto, manifest.Reconcile);
    }

    [Fact]
    public void Load_ShopSample_IsValid() =>
        Assert.Empty(ManifestLoader.Load(Path.Combine(RepositoryRoot(), "samples", "shop", "greenlight.yaml")).Errors);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Greenlight.slnx")))
        {
            directory = directory.Parent ?? throw new DirectoryNotFoundException("Greenlight.slnx not found above the test binaries");
        }

        return directory.FullName;
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
