using Greenlight.Scanning.Iac;

namespace Greenlight.Scanning.Tests.Iac;

public sealed class ContainerRuleTests
{
    [Fact]
    public void Scan_GoodContainer_HasNoFindings() =>
        Assert.Empty(OneFile.Scan("web.yaml", Manifest.Deployment(Manifest.GoodContainer)));

    [Fact]
    public void Scan_PrivilegedContainer_IsReportedAtTheFlag()
    {
        var yaml = Manifest.Deployment(Manifest.GoodContainer + "\n  securityContext:\n    privileged: true");

        var finding = Assert.Single(OneFile.Scan("web.yaml", yaml));

        Assert.Equal(("IAC005", "Deployment/shop/web", "spec.template.spec.containers[0].securityContext.privileged"),
            (finding.RuleId, finding.Resource, finding.AttributePath));
        Assert.Equal(Manifest.FirstContainerLine + 5, finding.Line);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("\"false\"")]
    public void Scan_ContainerNotPrivileged_IsNotReported(string value) =>
        Assert.Empty(OneFile.Scan("web.yaml", Manifest.Deployment(Manifest.GoodContainer + $"\n  securityContext:\n    privileged: {value}")));

    [Fact]
    public void Scan_PrivilegedInitContainer_IsReportedWithItsPath()
    {
        var init = "initContainers:\n- name: setup\n  image: busybox@" + Manifest.Digest
            + "\n  resources: {limits: {cpu: 100m, memory: 64Mi}}\n  securityContext: {privileged: yes}";
        var yaml = $"apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n{Manifest.Indent(init, 2)}\n  containers:\n{Manifest.Indent(Manifest.GoodContainer, 2)}";

        var finding = Assert.Single(OneFile.Scan("pod.yaml", yaml));

        Assert.Equal(("Pod/default/p", "spec.initContainers[0].securityContext.privileged"), (finding.Resource, finding.AttributePath));
    }

    [Theory]
    [InlineData("{}", "no memory and cpu limits")]
    [InlineData("{limits: {memory: 256Mi}}", "no cpu limit")]
    [InlineData("{limits: {cpu: 500m}, requests: {memory: 1Gi}}", "no memory limit")]
    public void Scan_MissingLimits_SaysWhichIsMissing(string resources, string expected)
    {
        var yaml = Manifest.Deployment($"- name: web\n  image: web@{Manifest.Digest}\n  resources: {resources}");

        var finding = Assert.Single(OneFile.Scan("web.yaml", yaml));

        Assert.Equal(("IAC006", "spec.template.spec.containers[0].resources.limits"), (finding.RuleId, finding.AttributePath));
        Assert.Contains($"container 'web' has {expected}", finding.Message);
    }

    [Fact]
    public void Scan_ContainerWithoutResourcesAtAll_IsReportedAtTheContainer()
    {
        var finding = Assert.Single(OneFile.Scan("web.yaml", Manifest.Deployment($"- name: web\n  image: web@{Manifest.Digest}")));

        Assert.Equal(Manifest.FirstContainerLine, finding.Line);
    }
}
