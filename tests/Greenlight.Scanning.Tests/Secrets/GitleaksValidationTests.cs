using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>gitleaks' own verdicts on odd configs: what it keeps, and what it refuses (named by key path).</summary>
public sealed class GitleaksValidationTests
{
    [Fact]
    public void Parse_DuplicateRuleId_KeepsTheLast()
    {
        var set = GitleaksConfig.Parse("[[rules]]\nid = \"x\"\nregex = 'first'\n\n[[rules]]\nid = \"x\"\nregex = 'second'\n");

        Assert.Equal("second", Assert.Single(set.Rules).Pattern!.ToString());
    }

    [Theory]
    [InlineData("[[rules]]\nid = \"discord\"\nregex = '(a)(b)'\nsecretGroup = 3\n",
        "rules[0] (id 'discord'): secretGroup 3 is out of range: the regex has 2 group(s)")]
    [InlineData("[[rules]]\nid = \"example\"\nregex = 'x'\n[[rules.allowlists]]\ndescription = \"nothing\"\n",
        "rules[0] (id 'example').allowlists[0]: an allowlist must contain at least one of")]
    [InlineData("[[allowlists]]\ndescription = \"nothing\"\n",
        "allowlists[0]: an allowlist must contain at least one of")]
    [InlineData("[[rules]]\nid = \"example\"\nregex = 'x'\n[rules.allowlist]\nregexes = ['1']\n[[rules.allowlists]]\nregexes = ['2']\n",
        "rules[0] (id 'example').allowlist: [rules.allowlist] (deprecated) cannot be used alongside [[rules.allowlists]]")]
    [InlineData("[allowlist]\nregexes = ['1']\n[[allowlists]]\nregexes = ['2']\n",
        "allowlist: [allowlist] (deprecated) cannot be used alongside [[allowlists]]")]
    [InlineData("[[rules]]\ndescription = \"no id\"\nregex = 'x'\n", "rules[0]: 'id' is missing or empty")]
    [InlineData("[[rules]]\nid = \"x\"\ndescription = \"nothing to match\"\n", "rules[0] (id 'x'): needs a regex or a path")]
    [InlineData("[[rules]]\nid = \"x\"\nregex = 'x'\n[[rules.allowlists]]\nregexTarget = \"mtach\"\nregexes = ['1']\n",
        "rules[0] (id 'x').allowlists[0].regexTarget: unknown value 'mtach'")]
    public void Parse_ConfigGitleaksRefuses_IsRefusedNamingTheKeyPath(string toml, string expected)
    {
        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Parse(toml));

        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Load_RefusedRule_NamesTheFile()
    {
        using var tree = new TempTree();
        var path = tree.Write("g.toml", "[[rules]]\nid = \"x\"\nregex = 'a'\nsecretGroup = 1\n");

        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Load(path));

        Assert.StartsWith($"{path}: rules[0] (id 'x'): secretGroup 1", e.Message);
    }
}
