using Greenlight.Migrations.Lint.Parsing;
using Greenlight.Migrations.Lint.Rules;

namespace Greenlight.Migrations.Lint;

/// <summary>
/// Flags statements in a migration script that would break, or block, the revision that is
/// still serving while the script runs. See docs/migrations-lint.md for the rules.
/// </summary>
public static class SqlLinter
{
    public static IReadOnlyList<LintRuleInfo> Rules { get; } = RuleCatalog.All.Select(rule => rule.Info).ToArray();

    /// <param name="sql">The script text.</param>
    /// <param name="file">The name reported with each finding.</param>
    /// <param name="dialect">The database the script is written for.</param>
    /// <param name="phase">The script's phase; null reads the `-- greenlight:phase=` header (expand by default).</param>
    /// <param name="options">The project's switches (manifest <c>database.lint</c>); null: the defaults.</param>
    public static IReadOnlyList<LintFinding> Lint(string sql, string file, DatabaseProvider dialect, MigrationPhase? phase = null, LintOptions? options = null)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        var scriptPhase = phase ?? Directives.Phase(tokens) ?? MigrationPhase.Expand;
        var lines = SourceLines.Starts(sql);
        var script = new ScriptState(options ?? LintOptions.Default);
        var rules = RuleCatalog.All.Where(r => Applies(r, dialect, scriptPhase, script.Options)).ToList();
        var findings = new List<LintFinding>();

        foreach (var statement in StatementSplitter.Split(tokens))
        {
            var firstLine = SourceLines.Rest(sql, lines, statement.First.Line, statement.First.Column).Trim();
            LintFinding At(SqlToken token, string id, string message, string safe, LintSeverity severity) =>
                new(id, file, token.Line, token.Column, firstLine, message, safe, severity);

            var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var allow in Directives.Allows(statement.Comments))
            {
                if (OverrideProblem(allow) is { } problem)
                    findings.Add(At(allow.Comment, RuleCatalog.OverrideId, problem, "-- greenlight:allow GL0nn why this statement is safe here", LintSeverity.High));
                else
                    allowed.Add(allow.RuleId);
            }

            var isNewTable = script.IsNew(statement.Table);
            // In reading order within the statement; rules in id order where they fire at the same token.
            findings.AddRange(
                from rule in rules
                where !(rule.SparesNewTables && isNewTable) && !allowed.Contains(rule.Id)
                from token in rule.Find(statement, script)
                orderby token.Line, token.Column
                select At(token, rule.Id, $"{rule.Title}: {rule.Why}", rule.SafeAlternative, rule.Severity));

            script.Observe(statement);
        }
        return findings;
    }

    private static bool Applies(LintRule rule, DatabaseProvider dialect, MigrationPhase phase, LintOptions options) =>
        (!rule.PostgreSqlOnly || dialect == DatabaseProvider.PostgreSql)
        && !(rule.Destructive && phase == MigrationPhase.Contract)
        && !(rule.TypeAdvice && !options.TypeAdvice);

    // An override must say which rule it silences and why, so that a reviewer can judge it.
    private static string? OverrideProblem(AllowDirective allow)
    {
        if (allow.RuleId.Length == 0) return "greenlight:allow needs a rule id and a reason";
        if (!RuleCatalog.All.Any(rule => rule.Id.Equals(allow.RuleId, StringComparison.OrdinalIgnoreCase)))
            return $"greenlight:allow names unknown rule '{allow.RuleId}'";
        return allow.Reason.Length == 0 ? $"greenlight:allow {allow.RuleId} needs a reason" : null;
    }
}
