namespace Greenlight.Migrations.History;

/// <summary>The description column holds at most 200 characters: Flyway cuts a longer one to 197 and "...".</summary>
internal static class Descriptions
{
    private const int Column = 200;

    public static string AsStored(string description) => description.Length <= Column ? description : description[..(Column - 3)] + "...";
}
