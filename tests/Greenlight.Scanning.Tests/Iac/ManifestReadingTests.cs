namespace Greenlight.Scanning.Tests.Iac;

public sealed class ManifestReadingTests
{
    [Theory]
    [InlineData("v1", "Pod", "spec", "spec.containers[0]")]
    [InlineData("apps/v1", "StatefulSet", "spec:\n  template:\n    spec", "spec.template.spec.containers[0]")]
    [InlineData("apps/v1", "DaemonSet", "spec:\n  template:\n    spec", "spec.template.spec.containers[0]")]
    [InlineData("apps/v1", "ReplicaSet", "spec:\n  template:\n    spec", "spec.template.spec.containers[0]")]
    [InlineData("batch/v1", "Job", "spec:\n  template:\n    spec", "spec.template.spec.containers[0]")]
    [InlineData("batch/v1", "CronJob", "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec", "spec.jobTemplate.spec.template.spec.containers[0]")]
    public void Scan_EveryWorkloadKind_FindsItsContainers(string apiVersion, string kind, string podSpecPath, string containerPath)
    {
        var depth = podSpecPath.Split('\n').Length * 2;
        var yaml = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: w\n  namespace: ops\n{podSpecPath}:\n"
            + Manifest.Indent("containers:\n- name: c\n  image: busybox", depth);

        var findings = OneFile.Scan("w.yml", yaml);

        Assert.Equal(["IAC006", "IAC007"], findings.Select(f => f.RuleId));
        Assert.All(findings, f => Assert.Equal($"{kind}/ops/w", f.Resource));
        Assert.All(findings, f => Assert.StartsWith(containerPath, f.AttributePath));
    }

    [Fact]
    public void Scan_MultiDocumentFile_ChecksOnlyKubernetesWorkloadsWithTheirOwnLines()
    {
        var yaml = "# shop\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {image: \"nginx:latest\"}\n---\n"
            + "just: some yaml\n---\n"
            + Manifest.Deployment("- name: web\n  image: nginx:latest\n  resources: {limits: {cpu: 1, memory: 1Gi}}")
            + "\n---\n";

        var finding = Assert.Single(OneFile.Scan("all.yaml", yaml));

        Assert.Equal(("IAC007", "Deployment/shop/web", 8 + Manifest.FirstContainerLine + 1), (finding.RuleId, finding.Resource, finding.Line));
        Assert.Equal($"all.yaml:{finding.Line}: IAC007 Deployment/shop/web spec.template.spec.containers[0].image: {finding.Message}", finding.ToString());
    }

    [Fact]
    public void Scan_KubectlListOutput_ChecksItsItems()
    {
        var yaml = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers:\n    - {name: c, image: busybox, resources: {limits: {cpu: 1, memory: 1Gi}}}\n";

        Assert.Equal("Pod/default/p", Assert.Single(OneFile.Scan("list.yaml", yaml)).Resource);
    }

    [Fact]
    public void Scan_YamlThatIsNotKubernetes_IsIgnored()
    {
        var workflow = "name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container: {image: \"node:latest\", options: --privileged}\n";

        Assert.Empty(OneFile.Scan(".github/workflows/ci.yml", workflow));
        Assert.Empty(OneFile.Scan("broken.yaml", "name: x\n  bad: [indent\n"));
    }

    [Fact]
    public void Scan_MalformedManifest_ThrowsWithFileLineAndColumn()
    {
        var yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [unclosed\n";

        var error = Assert.Throws<InvalidDataException>(() => OneFile.Scan("k8s/pod.yaml", yaml));

        Assert.Matches(@"^k8s/pod\.yaml:\d+:\d+: cannot read Kubernetes manifest", error.Message);
    }

    [Theory]
    [InlineData("k8s/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ", 5)]
    // Too deep to load is too deep to tell whether it holds Kubernetes objects, so it is not skipped as foreign YAML.
    [InlineData("deploy/greenlight.yaml", "app: shop\ntags: ", 2)]
    public void Scan_50000NestedLists_ThrowsWithFileLineAndColumn(string file, string head, int line)
    {
        var yaml = head + new string('[', 50_000) + new string(']', 50_000) + "\n";

        var error = Assert.Throws<InvalidDataException>(() => OneFile.Scan(file, yaml));

        Assert.Equal($"{file}:{line}:262: cannot read YAML: a list nested more than 256 levels deep, expected at most 256 levels of nesting", error.Message);
    }

    [Fact]
    public void Scan_ManifestNestedToTheLimit_IsReadAndChecked()
    {
        // The document mapping, data and the lists make 256 levels: deep CRD schemas must still be read.
        var yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  deep: " + new string('[', 254) + new string(']', 254) + "\n";

        Assert.Empty(OneFile.Scan("k8s/config.yaml", yaml));
    }
}
