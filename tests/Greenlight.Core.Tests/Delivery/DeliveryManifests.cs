using Greenlight.Core.Manifest;

namespace Greenlight.Core.Tests.Delivery;

/// <summary>A staging environment with one region, then production in three waves of one-box, two regions, one region.</summary>
internal static class DeliveryManifests
{
    public static AppManifest StagingThenProduction(string staging = "", string production = "")
    {
        var yaml = $$"""
            app: shop
            run:
              command: dotnet
            environments:
              - name: staging
                regions:
                  - { name: local, edge: { listen: 127.0.0.1:8180 } }
                soak: 2m
                hotfixSoak: 30s
            {{Indent(staging)}}
              - name: production
                regions:
                  - { name: one-box, edge: { listen: 127.0.0.1:8281 } }
                  - { name: eu-west, edge: { listen: 127.0.0.1:8282 } }
                  - { name: us-east, edge: { listen: 127.0.0.1:8283 } }
                  - { name: ap-south, edge: { listen: 127.0.0.1:8284 } }
                waves: [[one-box], [eu-west, us-east], [ap-south]]
                bake: 5m
            {{Indent(production)}}
            """;
        return ManifestLoader.Parse(yaml, "greenlight.yaml").GetOrThrow();
    }

    private static string Indent(string keys) => string.Join("\n", keys.Split('\n').Select(line => "    " + line));
}
