using Greenlight.Scanning.Iac;

namespace Greenlight.Scanning.Tests.Iac;

public sealed class SuppressionTests
{
    private const string Privileged = "- name: web\n  image: nginx\n  resources: {limits: {cpu: 1, memory: 1Gi}}\n  securityContext: {privileged: true}";

    [Fact]
    public void Scan_AllowAnnotationWithReason_SilencesThatRuleOnly()
    {
        var yaml = Manifest.Deployment(Privileged, "greenlight.dev/allow-IAC005: \"CNI agent needs the host network stack\"");

        Assert.Equal(["IAC007"], OneFile.Scan("web.yaml", yaml).Select(f => f.RuleId));
    }

    [Theory]
    [InlineData("greenlight.dev/allow-IAC005: \"\"")]
    [InlineData("greenlight.dev/allow-IAC005: \"  \"")]
    [InlineData("greenlight.dev/allow-IAC005:")]
    public void Scan_AllowAnnotationWithoutReason_IsReportedAndSilencesNothing(string annotation)
    {
        var findings = OneFile.Scan("web.yaml", Manifest.Deployment(Privileged, annotation));

        Assert.Equal(["IAC000", "IAC005", "IAC007"], findings.Select(f => f.RuleId).Order());
        var malformed = Assert.Single(findings, f => f.RuleId == "IAC000");
        Assert.Equal((7, "metadata.annotations[\"greenlight.dev/allow-IAC005\"]"), (malformed.Line, malformed.AttributePath));
        Assert.Contains("needs a reason", malformed.Message);
    }

    [Theory]
    [InlineData("IAC999")]
    [InlineData("IAC000")]
    public void Scan_AllowAnnotationForNoAllowableRule_IsReported(string id)
    {
        var findings = OneFile.Scan("web.yaml", Manifest.Deployment(Manifest.GoodContainer, $"greenlight.dev/allow-{id}: because"));

        Assert.Contains("names no rule", Assert.Single(findings).Message);
    }

    [Fact]
    public void Scan_SkipOption_AcceptsExactAddressAndItsInstances()
    {
        var plan = Plan.With(
        [
            Plan.Resource("aws_db_instance", "legacy", """{"publicly_accessible": true}"""),
            Plan.Resource("aws_db_instance", "orders", """{"publicly_accessible": true}"""),
        ]).Replace("\"address\": \"aws_db_instance.legacy\"", "\"address\": \"aws_db_instance.legacy[0]\"");
        var options = new IacScanOptions { Skips = [new IacSkip("IAC004", "aws_db_instance.legacy", "vendor appliance, firewalled")] };

        Assert.Equal(["aws_db_instance.orders"], OneFile.Scan("plan.json", plan, options).Select(f => f.Resource));
    }

    [Fact]
    public void Scan_SkipOptionWithPrefix_AcceptsMatchingKubernetesObjects()
    {
        var options = new IacScanOptions { Skips = [new IacSkip("IAC007", "Deployment/shop/*", "shop images are rebuilt nightly")] };

        Assert.Equal(["IAC005"], OneFile.Scan("web.yaml", Manifest.Deployment(Privileged), options).Select(f => f.RuleId));
    }

    [Fact]
    public void Scan_SkipOptionForOtherRule_AcceptsNothing()
    {
        var options = new IacScanOptions { Skips = [new IacSkip("IAC003", "Deployment/shop/web", "wrong rule")] };

        Assert.Equal(2, OneFile.Scan("web.yaml", Manifest.Deployment(Privileged), options).Count);
    }

    [Fact]
    public void IacSkip_WithoutReason_Throws() =>
        Assert.Throws<ArgumentException>(() => new IacSkip("IAC003", "aws_security_group.bastion", " "));
}
