using Greenlight.Scanning.Iac.Rules;

namespace Greenlight.Scanning.Tests.Iac;

public sealed class SecretEnvRuleTests
{
    // Distinctive, so that any leak of it into a finding is caught by a plain substring check.
    private const string Literal = "Zq7-plain-literal-value-9Kx";

    [Fact]
    public void Scan_SecretEnvLiteralInContainer_IsReportedWithoutItsValue()
    {
        var yaml = Manifest.Deployment(Manifest.GoodContainer + $"\n  env:\n  - name: LOG_LEVEL\n    value: info\n  - name: DB_PASSWORD\n    value: {Literal}");

        var finding = Assert.Single(OneFile.Scan("web.yaml", yaml));

        Assert.Equal(("IAC009", "spec.template.spec.containers[0].env[1].value"), (finding.RuleId, finding.AttributePath));
        Assert.Contains("DB_PASSWORD", finding.Message);
        AssertNoLeak(finding);
    }

    [Fact]
    public void Scan_SecretEnvFromValueFrom_Passes()
    {
        var env = "\n  env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\n  - name: API_TOKEN\n    value: $(DB_PASSWORD)";

        Assert.Empty(OneFile.Scan("web.yaml", Manifest.Deployment(Manifest.GoodContainer + env)));
    }

    [Fact]
    public void Scan_LambdaWithLiteralSecretVariable_IsReportedWithoutItsValue()
    {
        var lambda = Plan.Resource("aws_lambda_function", "api",
            $$$"""{"function_name": "api", "environment": [{"variables": {"STAGE": "prod", "stripeApiKey": "{{{Literal}}}"}}]}""");

        var finding = Assert.Single(OneFile.Scan("plan.json", Plan.With([lambda])));

        Assert.Equal(("aws_lambda_function.api", "environment[0].variables.stripeApiKey"), (finding.Resource, finding.AttributePath));
        AssertNoLeak(finding);
    }

    [Fact]
    public void Scan_EcsContainerDefinitionWithLiteralSecret_IsReportedWithoutItsValue()
    {
        var definitions = $$"""[{"name":"app","image":"app","environment":[{"name":"PORT","value":"80"},{"name":"GITHUB_TOKEN","value":"{{Literal}}"}],"secrets":[{"name":"DB_PASSWORD","valueFrom":"arn:aws:ssm:eu-west-1:1:parameter/db"}]}]""";
        var task = Plan.Resource("aws_ecs_task_definition", "app",
            $$"""{"family": "app", "container_definitions": {{System.Text.Json.JsonSerializer.Serialize(definitions)}}}""");

        var finding = Assert.Single(OneFile.Scan("plan.json", Plan.With([task])));

        Assert.Equal("container_definitions[0].environment[1]", finding.AttributePath);
        AssertNoLeak(finding);
    }

    [Theory]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("dbPassword", true)]
    [InlineData("STRIPE_API_KEY", true)]
    [InlineData("stripe-api-key", true)]
    [InlineData("AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("JWT_PRIVATE_KEY", true)]
    [InlineData("REDIS_CREDS", true)]
    [InlineData("SLACK_TOKEN", true)]
    [InlineData("POSTGRES_PASSWORD_FILE", false)]
    [InlineData("TOKEN_URL", false)]
    [InlineData("SECRET_ARN", false)]
    [InlineData("AWS_ACCESS_KEY_ID", false)]
    [InlineData("PASSTHROUGH", false)]
    [InlineData("TOKENIZER_MODE", false)]
    [InlineData("CACHE_KEY", false)]
    public void LooksSecret_JudgesNameParts(string name, bool secret) => Assert.Equal(secret, SecretNames.LooksSecret(name));

    private static void AssertNoLeak(Greenlight.Scanning.Iac.IacFinding finding)
    {
        Assert.DoesNotContain(Literal, finding.ToString());
        Assert.DoesNotContain(Literal, finding.Message + finding.AttributePath + finding.Resource + finding.Title);
    }
}
