using System.Text.RegularExpressions;

namespace Greenlight.Migrations.Lint.Parsing;

/// <summary>A `greenlight:allow RULE reason` comment; RuleId or Reason are empty when missing.</summary>
internal sealed record AllowDirective(string RuleId, string Reason, SqlToken Comment);

/// <summary>Reads the greenlight:* directives the engine and the linter share from comments.</summary>
internal static partial class Directives
{
    public static IEnumerable<AllowDirective> Allows(IEnumerable<SqlToken> comments) =>
        from comment in comments
        let match = AllowPattern().Match(comment.CommentBody)
        where match.Success
        select new AllowDirective(match.Groups["id"].Value, match.Groups["reason"].Value.Trim(), comment);

    /// <summary>The phase declared by a header comment before the first statement, if any.</summary>
    public static MigrationPhase? Phase(IReadOnlyList<SqlToken> tokens)
    {
        foreach (var token in tokens.TakeWhile(t => t.IsComment))
        {
            var match = PhasePattern().Match(token.CommentBody);
            if (match.Success) return Enum.Parse<MigrationPhase>(match.Groups["phase"].Value, ignoreCase: true);
        }
        return null;
    }

    [GeneratedRegex(@"^greenlight:allow\b\s*(?<id>[^\s]*)(?<reason>.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex AllowPattern();

    [GeneratedRegex(@"^greenlight:phase\s*=\s*(?<phase>expand|contract)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PhasePattern();
}
