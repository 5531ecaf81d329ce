namespace Greenlight.Migrations;

/// <summary>A migration run could not start or continue; the message says what to do about it.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException(string message) : base(message) { }

    public MigrationException(string message, Exception inner) : base(message, inner) { }
}
