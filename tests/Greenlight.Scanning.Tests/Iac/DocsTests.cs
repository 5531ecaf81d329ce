using Greenlight.Scanning.Iac;

namespace Greenlight.Scanning.Tests.Iac;

public sealed class DocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", "iac-rules.md"));

    [Fact]
    public void RuleReference_DocumentsEveryRuleWithItsAnchor()
    {
        Assert.All(IacRules.All, rule =>
        {
            Assert.Contains($"<a id=\"{rule.DocsAnchor}\"></a>{rule.Id}", Docs);
            Assert.Contains($"| {rule.Severity} |", Docs.Split('\n').Single(l => l.Contains($"</a>{rule.Id} |")));
        });
    }

    [Fact]
    public void IacRules_HaveUniqueIdsInOrder()
    {
        var ids = IacRules.All.Select(r => r.Id).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
