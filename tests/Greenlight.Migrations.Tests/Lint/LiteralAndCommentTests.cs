namespace Greenlight.Migrations.Tests.Lint;

// Every rule's statement, hidden in each kind of comment and literal, must not fire.
public sealed class LiteralAndCommentTests
{
    private static readonly Func<string, string>[] Hiders =
    [
        sql => $"-- {sql};",
        sql => $"SELECT 1; -- {sql};\nSELECT 2;",
        sql => $"/* {sql}; */",
        sql => $"/* outer /* inner */\n{sql};\n*/",
        sql => $"SELECT '{sql}; it''s fine';",
        sql => $"SELECT E'\\'{sql};\\'';",
        sql => $"DO $$ BEGIN {sql}; END $$;",
        sql => $"CREATE FUNCTION f() RETURNS void AS $fn$ SELECT $$x$$; {sql}; $fn$ LANGUAGE sql;",
        sql => $"SELECT 1 AS \"{sql}\";",
    ];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var rule in LintSamples.ByRule.Keys)
        {
            // A quoted identifier is an identifier: GL029 rightly measures it.
            for (var hider = 0; hider < Hiders.Length; hider++)
            {
                if (!(rule == "GL029" && hider == Hiders.Length - 1)) data.Add(rule, hider);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lint_RuleTextInsideCommentOrLiteral_ReportsNothing(string ruleId, int hider)
    {
        var sql = Hiders[hider](LintSamples.ByRule[ruleId]);

        Assert.DoesNotContain(ruleId, LintSamples.Lint(sql, options: LintSamples.Options).Select(f => f.RuleId));
    }

    [Fact]
    public void Lint_Samples_EachFireTheirRuleUnhidden()
    {
        foreach (var (ruleId, sql) in LintSamples.ByRule)
        {
            Assert.True(LintSamples.Lint(sql, options: LintSamples.Options).Any(f => f.RuleId == ruleId), $"{ruleId} did not fire on: {sql}");
        }
    }
}
