using Greenlight.Core.Manifest;
using static Greenlight.Core.Tests.Manifest.ManifestText;

namespace Greenlight.Core.Tests.Manifest;

public sealed class EnvironmentSecretsTests
{
    [Fact]
    public void ForRegion_EnvironmentOverridingASecret_TakesItsReferenceAndKeepsTheOthers()
    {
        var manifest = ManifestLoader.Parse(With("""
            secrets:
              DB_PASSWORD: store:shop/staging-db
              API_TOKEN: env:SHOP_API_TOKEN
            environments:
              - name: staging
              - name: production
                regions: [{name: eu, edge: {listen: 127.0.0.1:9181}}]
                overrides:
                  secrets: {DB_PASSWORD: store:shop/production-db}
            """), "greenlight.yaml").GetOrThrow();

        var staging = manifest.ForRegion("staging", "default").Secrets.Variables;
        var production = manifest.ForRegion("production", "eu").Secrets.Variables;

        Assert.Equal("store:shop/staging-db", staging["DB_PASSWORD"].Reference.ToString());
        Assert.Equal("store:shop/production-db", production["DB_PASSWORD"].Reference.ToString());
        Assert.Equal("env:SHOP_API_TOKEN", production["API_TOKEN"].Reference.ToString());
    }
}
