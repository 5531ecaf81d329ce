using System.Text;
using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class IdentifierLengthRule : LintRule
{
    private const int MaxBytes = 63;

    public override string Id => "GL029";
    public override string Title => "An identifier longer than 63 bytes";
    public override string Why => "PostgreSQL cuts names to 63 bytes with only a NOTICE, so the table, column or index gets a different name than the one written, and two long names can collide";
    public override string SafeAlternative => "a name of at most 63 bytes (UTF-8)";
    public override LintSeverity Severity => LintSeverity.Low;
    public override bool TypeAdvice => true;
    public override bool PostgreSqlOnly => true;
    public override bool SparesNewTables => false;

    public override IEnumerable<SqlToken> Find(SqlStatement statement, ScriptState script) =>
        statement.Code.Where(token => Bytes(token) > MaxBytes);

    private static int Bytes(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.Word when !char.IsAsciiDigit(token.Text[0]) => Encoding.UTF8.GetByteCount(token.Text),
        SqlTokenKind.QuotedIdentifier => Encoding.UTF8.GetByteCount(token.Text.AsSpan(1, token.Text.Length - 2)),
        _ => 0,
    };
}
