using System.Text.RegularExpressions;
using Greenlight.Core.Manifest;
using Greenlight.Migrations.Lint;

namespace Greenlight.Migrations.Tests.Lint;

/// <summary>
/// docs/migrations-lint.md and the linter cannot drift apart: every sample script in it (a ```sql block whose info
/// string names a file=) is linted the way `greenlight db lint` lints it, and must give exactly the findings in the
/// ```text block that follows it; the rules table must say what each rule's severity, dialects and phase are.
/// </summary>
public sealed partial class DocsSampleTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "migrations-lint.md"));

    public static TheoryData<string> SampleFiles() => new(Samples().Select(s => s.File));

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void DocsSample_LintedAsDbLintDoes_GivesExactlyTheFindingsTheDocsShow(string file)
    {
        var sample = Samples().Single(s => s.File == file);
        var folder = Directory.CreateTempSubdirectory("greenlight-lint-docs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, sample.File), sample.Sql);
            var db = new DatabaseSpec(sample.Flags.Contains("sqlite") ? "sqlite" : "postgresql", "Data Source=unused.db", null, folder, "greenlight_schema_history", false)
            {
                LockTimeout = sample.Flags.Contains("lockTimeout=3s") ? TimeSpan.FromSeconds(3) : null,
                Lint = LintSpec.Default with { RequireLockTimeout = sample.Flags.Contains("requireLockTimeout") },
            };

            var shown = db.Lint().Select(Show).DefaultIfEmpty("(no findings)");

            Assert.Equal(sample.Expected, shown);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Docs_EveryRuleFiresInSomeSample()
    {
        var shown = string.Join('\n', Samples().SelectMany(s => s.Expected));

        Assert.All(SqlLinter.Rules.Select(r => r.Id).Append("GL000"), id => Assert.Contains($" {id} ", shown));
    }

    [Fact]
    public void Docs_RulesTable_MatchesEachRulesSeverityDialectsAndPhase()
    {
        var rows = RuleRow().Matches(Docs).ToDictionary(m => m.Groups["id"].Value);

        Assert.All(SqlLinter.Rules, rule =>
        {
            Assert.True(rows.TryGetValue(rule.Id, out var row), $"{rule.Id} has no row in the rules table");
            Assert.Equal(rule.Severity.ToString().ToLowerInvariant(), row.Groups["severity"].Value);
            Assert.Equal(rule.Dialects.Contains(DatabaseProvider.Sqlite) ? "SQLite, PostgreSQL" : "PostgreSQL", row.Groups["dialects"].Value);
            Assert.Equal(rule.Destructive ? "yes" : "no", row.Groups["destructive"].Value);
        });
    }

    // What `db lint` prints before the explanation: the level, the place, the rule and its title.
    private static string Show(LintFinding finding)
    {
        var title = SqlLinter.Rules.FirstOrDefault(r => r.Id == finding.RuleId)?.Title ?? finding.Message;
        return $"{(finding.Fails ? "error" : "warning")}: {Path.GetFileName(finding.File)}:{finding.Line}:{finding.Column}: {finding.RuleId} {title}";
    }

    private sealed record Sample(string File, string[] Flags, string Sql, string[] Expected);

    private static IEnumerable<Sample> Samples() =>
        from match in SamplePattern().Matches(Docs)
        let flags = match.Groups["flags"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        select new Sample(match.Groups["file"].Value, flags, match.Groups["sql"].Value,
            match.Groups["expected"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Greenlight.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Greenlight.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^```sql file=(?<file>\S+)(?<flags>[^\n]*)\n(?<sql>.*?)^```\n\n```text\n(?<expected>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SamplePattern();

    [GeneratedRegex(@"^\| \[(?<id>GL\d{3})\]\([^)]*\) \|[^\n]*?\| (?<severity>high|medium|low) \| (?<dialects>[^|]+?) \| (?<destructive>yes|no) \|$", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
