namespace Greenlight.Scanning.Tests.Iac;

/// <summary>Builds small plans for single-rule tests; the realistic, multi-module plans live in Fixtures/.</summary>
internal static class Plan
{
    public static string With(string[] resources, string[]? configurationResources = null) => $$"""
        {
          "format_version": "1.2",
          "terraform_version": "1.9.8",
          "planned_values": {
            "root_module": {
              "resources": [
        {{string.Join(",\n", resources)}}
              ]
            }
          },
          "resource_changes": [],
          "configuration": { "root_module": { "resources": [{{string.Join(",\n", configurationResources ?? [])}}] } }
        }
        """;

    public static string Resource(string type, string name, string values) => $$"""
                {
                  "address": "{{type}}.{{name}}",
                  "mode": "managed",
                  "type": "{{type}}",
                  "name": "{{name}}",
                  "provider_name": "registry.terraform.io/hashicorp/aws",
                  "schema_version": 0,
                  "values": {{values}},
                  "sensitive_values": {}
                }
        """;

    /// <summary>A configuration block whose <c>bucket</c> expression refers to <paramref name="bucketReference"/>.</summary>
    public static string Config(string type, string name, string bucketReference) => $$"""
        {
          "address": "{{type}}.{{name}}", "mode": "managed", "type": "{{type}}", "name": "{{name}}",
          "expressions": { "bucket": { "references": ["{{bucketReference}}.id", "{{bucketReference}}"] } }
        }
        """;
}
