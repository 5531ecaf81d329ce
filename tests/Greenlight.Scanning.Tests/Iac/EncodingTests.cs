using Greenlight.Scanning.Iac;
using Greenlight.Scanning.Tests.Text;

namespace Greenlight.Scanning.Tests.Iac;

/// <summary>Plans and manifests in every encoding Windows writes them in are checked as their UTF-8 twins are; none passes unread.</summary>
public sealed class EncodingTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:latest
              securityContext: {privileged: true}
        """;

    public static TheoryData<string> Encodings => Encoded.Names;

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Scan_PlanWithAByteOrderMark_ReportsWhatItsUtf8TwinReports(string encoding)
    {
        var utf8 = File.ReadAllText(RepoFiles.Fixture("plan-modules.json"));
        using var tree = new TempTree();
        Encoded.Write(tree, "plan.json", utf8, encoding);

        var expected = Describe(new IacScanner().Scan(RepoFiles.Fixture("plan-modules.json")));
        var found = Describe(new IacScanner().Scan(tree.Root));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Scan_ManifestWithAByteOrderMark_ReportsWhatItsUtf8TwinReports(string encoding)
    {
        using var tree = new TempTree();
        Encoded.Write(tree, "pod.yaml", Manifest, encoding);

        var found = Describe(new IacScanner().Scan(tree.Root));

        Assert.Equal(Describe(OneFile.Scan("pod.yaml", Manifest)), found);
        Assert.NotEmpty(found);
    }

    [Fact]
    public void Scan_TruncatedUtf16Plan_FailsNamingTheFile()
    {
        using var tree = new TempTree();
        var bytes = Encoded.Bytes(File.ReadAllText(RepoFiles.Fixture("plan-modules.json")), "utf-16LE");
        File.WriteAllBytes(Path.Combine(tree.Root, "plan.json"), bytes[..(bytes.Length / 2 + 1)]); // cut mid-character

        var error = Assert.Throws<InvalidDataException>(() => new IacScanner().Scan(tree.Root));

        Assert.StartsWith("plan.json:", error.Message);
        Assert.Contains("UTF-16LE", error.Message);
    }

    [Fact]
    public void Scan_Utf16PlanCutShort_FailsWithTheJsonError()
    {
        using var tree = new TempTree();
        var text = File.ReadAllText(RepoFiles.Fixture("plan-modules.json"));
        Encoded.Write(tree, "infra/plan.json", text[..(text.Length / 2)], "utf-16LE");

        var error = Assert.Throws<InvalidDataException>(() => new IacScanner().Scan(tree.Root));

        Assert.StartsWith("infra/plan.json:", error.Message);
        Assert.Contains("cannot read Terraform plan JSON", error.Message);
    }

    [Fact]
    public void Scan_FileNamedAsAPlanThatHoldsNone_FailsNamingTheFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => OneFile.Scan("prod.tfplan.json", "Error: Failed to load plan\n"));
        var empty = Assert.Throws<InvalidDataException>(() => OneFile.Scan("prod.tfplan.json", "{}"));

        Assert.StartsWith("prod.tfplan.json:1:1: cannot read Terraform plan JSON", error.Message);
        Assert.StartsWith("prod.tfplan.json: named as a Terraform plan but holds none", empty.Message);
    }

    [Fact]
    public void Scan_ManifestThatIsNotValidUtf8_FailsNamingTheFile()
    {
        using var tree = new TempTree();
        File.WriteAllBytes(Path.Combine(tree.Root, "pod.yaml"), [.. System.Text.Encoding.UTF8.GetBytes(Manifest + "\n# caf"), 0xE9, (byte)'\n']);

        var error = Assert.Throws<InvalidDataException>(() => new IacScanner().Scan(tree.Root));

        Assert.StartsWith("pod.yaml: cannot decode as UTF-8 at byte", error.Message);
    }

    [Fact]
    public void Scan_UndecodableFileThatIsNeitherPlanNorManifest_IsNotJudged()
    {
        using var tree = new TempTree();
        File.WriteAllBytes(Path.Combine(tree.Root, "notes.yaml"), [.. "title: caf"u8, 0xE9, (byte)'\n']);
        File.WriteAllBytes(Path.Combine(tree.Root, "data.json"), [0xFF, 0xFE, (byte)'{', 0, (byte)'}']);

        Assert.Empty(new IacScanner().Scan(tree.Root));
    }

    private static List<string> Describe(IEnumerable<IacFinding> findings) =>
        findings.Select(f => $"line {f.Line} {f.RuleId} {f.Resource}").ToList();
}
