using Greenlight.Migrations.Databases;
using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Tests.Lint;

// Classic Mac files end lines with a lone \r: the tokenizer, the linter and the statement-by-statement runner agree.
public sealed class SourceLinesTests
{
    [Fact]
    public void Tokenize_CrOnlyLineEnds_EndLineCommentsAndCountLines() =>
        Assert.Equal(["LineComment@1:1", "Word@2:3"],
            SqlTokenizer.Tokenize("-- note\r  DROP").Select(t => $"{t.Kind}@{t.Line}:{t.Column}"));

    [Fact]
    public void Split_CrOnlyScript_GivesEachStatementItsLineAndText()
    {
        var statements = ScriptStatements.Split("CREATE TABLE t (id bigint);\r\rCREATE INDEX CONCURRENTLY ix\r  ON t (id);\r");

        Assert.Equal([(1, "CREATE TABLE t (id bigint)"), (3, "CREATE INDEX CONCURRENTLY ix\r  ON t (id)")], statements.Select(s => (s.Line, s.Text)));
    }

    [Fact]
    public void Starts_MixedLineEnds_CountsCrLfOnce() =>
        Assert.Equal([0, 2, 5, 7], SourceLines.Starts("a\nb\r\nc\rd"));
}
