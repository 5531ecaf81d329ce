using Greenlight.Scanning.Secrets;

namespace Greenlight.Scanning.Tests.Secrets;

/// <summary>Regexes in a gitleaks config are Go RE2: they match what they match in gitleaks, or the config is refused.</summary>
public sealed class GitleaksRegexTests
{
    // gitleaks' own rule, verbatim from its config/gitleaks.toml.
    private const string Airtable = """
        [[rules]]
        id = "airtable-personnal-access-token"
        description = "Uncovered a possible Airtable Personal AccessToken, potentially compromising database access and leading to data leakage or alteration."
        regex = '''\b(pat[[:alnum:]]{14}\.[a-f0-9]{64})\b'''
        keywords = ["airtable"]
        """;

    [Fact]
    public void ScanText_GitleaksAirtableRule_FindsAPersonalAccessToken()
    {
        var token = "pat" + Fake.Chars(Fake.Alnum, 14, 40) + "." + Fake.Chars("0123456789abcdef", 64, 41);
        var scanner = new SecretScanner(GitleaksConfig.Parse(Airtable));

        var finding = Assert.Single(scanner.ScanText("app/.env", $"AIRTABLE_TOKEN={token}\n"));

        Assert.Equal(("airtable-personnal-access-token", 1, 16), (finding.RuleId, finding.Line, finding.Column));
    }

    [Fact]
    public void ScanText_RuleEndingInDollar_DoesNotMatchBeforeTheFinalNewline()
    {
        // RE2's $ is the end of the text; .NET's would also match before the file's last newline.
        var set = GitleaksConfig.Parse("[[rules]]\nid = \"tail\"\nregex = '''tok_[a-z0-9]{12}$'''\n");
        var scanner = new SecretScanner(set);

        Assert.Empty(scanner.ScanText("a.txt", "x = tok_k3j4h5g6f7d8\n"));
        Assert.Single(scanner.ScanText("a.txt", "x = tok_k3j4h5g6f7d8"));
    }

    [Theory]
    [InlineData("regex = '''key(?=[0-9]{8})'''", "regex", "lookaround")]
    [InlineData("path = '''(?<!test/)config'''", "path", "lookaround")]
    [InlineData("regex = 'k_[0-9]{8}'\n[[rules.allowlists]]\nregexes = ['''(a)\\1''']", "allowlist regex", "backreference")]
    [InlineData("regex = 'k_[0-9]{8}'\n[[rules.allowlists]]\npaths = ['''\\p{Greek}''']", "allowlist path", "script")]
    public void Parse_RegexThatIsNotRe2_RefusedNamingRuleAndKey(string key, string what, string reason)
    {
        var toml = $"[[rules]]\nid = \"team-rule\"\n{key}\n";

        var e = Assert.Throws<SecretConfigException>(() => GitleaksConfig.Parse(toml));

        Assert.StartsWith("rules[0] (id 'team-rule')", e.Message);
        Assert.Contains($": invalid {what} '", e.Message);
        Assert.Contains(reason, e.Message);
    }
}
