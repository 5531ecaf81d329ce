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
    public static IReadOnlyList<LintFinding> Lint(string sql, string file, DatabaseProvider dialect, MigrationPhase? phase = null)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        var scriptPhase = phase ?? Directives.Phase(tokens) ?? MigrationPhase.Expand;
        var lines = sql.Split('\n');
        var createdTables = new HashSet<string>(StringComparer.Ordinal);
        var findings = new List<LintFinding>();

        foreach (var statement in StatementSplitter.Split(tokens))
        {
            var firstLine = lines[statement.First.Line - 1][(statement.First.Column - 1)..].Trim();
            LintFinding At(SqlToken token, string id, string message, string safe) =>
                new(id, file, token.Line, token.Column, firstLine, message, safe);

            var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var allow in Directives.Allows(statement.Comments))
            {
                if (OverrideProblem(allow) is { } problem)
                    findings.Add(At(allow.Comment, RuleCatalog.OverrideId, problem, "-- greenlight:allow GL0nn why this statement is safe here"));
                else
                    allowed.Add(allow.RuleId);
            }

            var isNewTable = statement.Table is { } table && createdTables.Contains(table);
            foreach (var rule in RuleCatalog.All.Where(r => Applies(r, dialect, scriptPhase, isNewTable) && !allowed.Contains(r.Id)))
            {
                findings.AddRange(rule.Find(statement).Select(token => At(token, rule.Id, $"{rule.Title}: {rule.Why}", rule.SafeAlternative)));
            }

            if (statement.CreatedTable is { } created) createdTables.Add(created);
        }
        return findings;
    }

    private static bool Applies(LintRule rule, DatabaseProvider dialect, MigrationPhase phase, bool isNewTable) =>
        (!rule.PostgreSqlOnly || dialect == DatabaseProvider.PostgreSql)
        && !(rule.Destructive && phase == MigrationPhase.Contract)
        && !(rule.SparesNewTables && isNewTable);

    // An override must say which rule it silences and why, so that a reviewer can judge it.
    private static string? OverrideProblem(AllowDirective allow)
    {
        if (allow.RuleId.Length == 0) return "greenlight:allow needs a rule id and a reason";
        if (!RuleCatalog.All.Any(rule => rule.Id.Equals(allow.RuleId, StringComparison.OrdinalIgnoreCase)))
            return $"greenlight:allow names unknown rule '{allow.RuleId}'";
        return allow.Reason.Length == 0 ? $"greenlight:allow {allow.RuleId} needs a reason" : null;
    }
}
