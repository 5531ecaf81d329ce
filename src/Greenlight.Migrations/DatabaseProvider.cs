namespace Greenlight.Migrations;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
