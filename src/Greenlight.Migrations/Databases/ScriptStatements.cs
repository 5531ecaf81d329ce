using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Databases;

/// <summary>One statement of a script and the line it starts on.</summary>
internal sealed record ScriptStatement(int Line, string Text);

/// <summary>
/// Splits a script into statements with the linter's tokenizer (strings, comments, dollar quotes and trigger
/// bodies understood), so a failure can be traced to its statement and line, which neither database reports
/// for a multi-statement command.
/// </summary>
internal static class ScriptStatements
{
    public static IReadOnlyList<ScriptStatement> Split(string sql)
    {
        var lineStarts = SourceLines.Starts(sql);
        return StatementSplitter.Split(SqlTokenizer.Tokenize(sql)).Select(statement =>
        {
            var first = statement.Code[0];
            var last = statement.Code[^1];
            var start = lineStarts[first.Line - 1] + first.Column - 1;
            var end = lineStarts[last.Line - 1] + last.Column - 1 + last.Text.Length;
            return new ScriptStatement(first.Line, sql[start..end]);
        }).ToList();
    }
}
