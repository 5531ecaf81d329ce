using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Tests.Lint;

public sealed class StatementSplitterTests
{
    private static IReadOnlyList<SqlStatement> Split(string sql) => StatementSplitter.Split(SqlTokenizer.Tokenize(sql));

    private static string FirstWords(SqlStatement statement) => string.Join(' ', statement.Code.Take(2).Select(t => t.Text));

    [Fact]
    public void Split_SemicolonsInsideStringsAndComments_DoNotSplit()
    {
        var statements = Split("SELECT ';' -- ;\n/* ; */ , $$;$$, E'\\';', \";\";\nUPDATE t SET a = 1;\n;;DELETE FROM t");

        Assert.Equal(["SELECT ';'", "UPDATE t", "DELETE FROM"], statements.Select(FirstWords));
    }

    [Fact]
    public void Split_TriggerBody_StaysOneStatement()
    {
        var statements = Split("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE u SET n = CASE WHEN 1 THEN 2 END;\n  DELETE FROM v;\nEND;\nSELECT 1;");

        Assert.Equal(["CREATE TRIGGER", "SELECT 1"], statements.Select(FirstWords));
    }

    [Fact]
    public void Split_CommentsBeforeInsideAndTrailing_BelongToTheirStatement()
    {
        var statements = Split("-- before a\nSELECT 1 /* in a */; -- after a\n-- before b\nSELECT 2;");

        Assert.Equal(["-- before a", "/* in a */", "-- after a"], statements[0].Comments.Select(c => c.Text));
        Assert.Equal(["-- before b"], statements[1].Comments.Select(c => c.Text));
    }
}
