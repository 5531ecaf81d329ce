namespace Greenlight.Migrations.Databases;

/// <summary>A statement of a script failed; carries where, so the message can point at the line.</summary>
internal sealed class ScriptExecutionException(int? line, string? statement, Exception inner) : Exception(inner.Message, inner)
{
    public int? Line { get; } = line;

    public string? Statement { get; } = statement;
}
