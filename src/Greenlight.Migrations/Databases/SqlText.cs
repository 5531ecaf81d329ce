namespace Greenlight.Migrations.Databases;

/// <summary>Small helpers to point at a place in a script.</summary>
internal static class SqlText
{
    /// <summary>1-based line of the character at <paramref name="index"/>.</summary>
    public static int LineAt(string sql, int index) => 1 + sql.AsSpan(0, Math.Clamp(index, 0, sql.Length)).Count('\n');

    /// <summary>The first line of a statement, shortened, to quote it in a message.</summary>
    public static string Excerpt(string statement)
    {
        var first = statement.Trim().Split('\n')[0].Trim();
        return first.Length <= 80 ? first : first[..77] + "...";
    }
}
