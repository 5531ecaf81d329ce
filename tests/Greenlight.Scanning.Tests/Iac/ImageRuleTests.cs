using Greenlight.Scanning.Iac;

namespace Greenlight.Scanning.Tests.Iac;

public sealed class ImageRuleTests
{
    [Theory]
    [InlineData("nginx:latest", "IAC007", IacSeverity.High)]
    [InlineData("nginx", "IAC007", IacSeverity.High)]
    [InlineData("registry.local:5000/team/app", "IAC007", IacSeverity.High)]
    [InlineData("nginx:1.27.2", "IAC008", IacSeverity.Low)]
    [InlineData("registry.local:5000/team/app:2.4.1", "IAC008", IacSeverity.Low)]
    [InlineData("nginx:1.27.2@sha256:abc", "IAC008", IacSeverity.Low)]
    public void Scan_ImageNotPinnedByDigest_IsReported(string image, string rule, IacSeverity severity)
    {
        var finding = Assert.Single(OneFile.Scan("web.yaml", Manifest.Deployment(Container(image))));

        Assert.Equal((rule, severity, "spec.template.spec.containers[0].image", Manifest.FirstContainerLine + 1),
            (finding.RuleId, finding.Severity, finding.AttributePath, finding.Line));
        Assert.Contains("pin it by digest", finding.Message);
    }

    [Theory]
    [InlineData("nginx@" + Manifest.Digest)]
    [InlineData("nginx:1.27.2@" + Manifest.Digest)]
    [InlineData("nginx:latest@" + Manifest.Digest)]
    [InlineData("registry.local:5000/team/app@" + Manifest.Digest)]
    public void Scan_ImagePinnedByDigest_Passes(string image) =>
        Assert.Empty(OneFile.Scan("web.yaml", Manifest.Deployment(Container(image))));

    private static string Container(string image) => $"- name: web\n  image: {image}\n  resources: {{limits: {{cpu: 1, memory: 1Gi}}}}";
}
