namespace Greenlight.Migrations.Databases;

/// <summary>The connection's user, database and default schema, as the database names them.</summary>
internal sealed record DatabaseSession(string User, string Database, string Schema);
