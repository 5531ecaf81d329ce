namespace Greenlight.Scanning.Tests.Iac;

public sealed class PlanReadingTests
{
    [Fact]
    public void Scan_JsonThatIsNotAPlan_IsIgnored()
    {
        Assert.Empty(OneFile.Scan("package.json", """{"name": "web", "format_version": "1.0", "acl": "public-read"}"""));
        Assert.Empty(OneFile.Scan("tsconfig.json", """{ "compilerOptions": { "strict": true, } trailing garbage"""));
    }

    [Fact]
    public void Scan_MalformedPlan_ThrowsWithFileLineAndColumn()
    {
        var plan = "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {\n    \"root_module\": { \"resources\": [ }\n  }\n}\n";

        var error = Assert.Throws<InvalidDataException>(() => OneFile.Scan("infra/plan.json", plan));

        Assert.StartsWith("infra/plan.json:4:", error.Message);
        Assert.Contains("cannot read Terraform plan JSON", error.Message);
    }

    [Fact]
    public void Scan_DirectoryTree_SkipsBuildAndToolDirectories()
    {
        using var tree = new TempTree();
        var plan = Plan.With([Plan.Resource("aws_db_instance", "db", """{"publicly_accessible": true}""")]);
        foreach (var dir in new[] { "infra", ".git", "node_modules", "bin", "obj", ".greenlight" }) tree.Write($"{dir}/plan.json", plan);

        var finding = Assert.Single(new Greenlight.Scanning.Iac.IacScanner().Scan(tree.Root));

        Assert.Equal("infra/plan.json", finding.File);
    }

    [Fact]
    public void Scan_PlanWithOnlyResourceChanges_IsAPlanWithNothingPlanned()
    {
        Assert.Empty(OneFile.Scan("plan.json", """{"format_version": "1.2", "resource_changes": []}"""));
    }

    [Fact]
    public void Scan_NestedCountedModule_ResolvesReferencesWithinTheModuleBlock()
    {
        var plan = """
            {
              "format_version": "1.2",
              "planned_values": { "root_module": { "child_modules": [ {
                "address": "module.app[0]",
                "child_modules": [ {
                  "address": "module.app[0].module.bucket[\"eu\"]",
                  "resources": [
                    { "address": "module.app[0].module.bucket[\"eu\"].aws_s3_bucket.this", "mode": "managed",
                      "type": "aws_s3_bucket", "name": "this", "values": { "bucket_prefix": "eu-" } },
                    { "address": "module.app[0].module.bucket[\"eu\"].aws_s3_bucket.other", "mode": "managed",
                      "type": "aws_s3_bucket", "name": "other", "values": { "bucket_prefix": "eu-other-" } },
                    { "address": "module.app[0].module.bucket[\"eu\"].aws_s3_bucket_server_side_encryption_configuration.this",
                      "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "name": "this", "values": {} }
                  ] } ] } ] } },
              "configuration": { "root_module": { "module_calls": { "app": { "source": "./app", "module": { "module_calls": {
                "bucket": { "source": "./bucket", "module": { "resources": [
                  { "address": "aws_s3_bucket_server_side_encryption_configuration.this",
                    "expressions": { "bucket": { "references": ["aws_s3_bucket.this.id", "aws_s3_bucket.this"] } } }
                ] } } } } } } } }
            }
            """;

        var finding = Assert.Single(OneFile.Scan("plan.json", plan));

        Assert.Equal("module.app[0].module.bucket[\"eu\"].aws_s3_bucket.other", finding.Resource);
    }

    [Fact]
    public void Scan_PlanWith50000NestedLists_ThrowsWithFileLineAndColumn()
    {
        var plan = "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": " + new string('[', 50_000) + new string(']', 50_000) + "\n}\n";

        var error = Assert.Throws<InvalidDataException>(() => OneFile.Scan("infra/plan.json", plan));

        Assert.StartsWith("infra/plan.json:3:", error.Message);
        Assert.Contains("depth of 512", error.Message);
    }

    [Fact]
    public void Scan_DeepJsonThatIsNotAPlan_IsIgnoredLikeAnyOtherJson()
    {
        Assert.Empty(OneFile.Scan("fixtures/deep.json", new string('[', 50_000) + new string(']', 50_000)));
    }
}
