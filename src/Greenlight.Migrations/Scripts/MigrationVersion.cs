using System.Numerics;

namespace Greenlight.Migrations.Scripts;

/// <summary>Flyway's version: parts split on '.' or '_', compared numerically, trailing zeros ignored (1.10 &gt; 1.9, 1.0 == 1).</summary>
internal sealed class MigrationVersion : IComparable<MigrationVersion>, IEquatable<MigrationVersion>
{
    private readonly BigInteger[] _parts;

    private MigrationVersion(string text, BigInteger[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The version as Flyway stores it in the history table: underscores become dots.</summary>
    public string Text { get; }

    public static bool TryParse(string raw, out MigrationVersion? version)
    {
        version = null;
        var text = raw.Replace('_', '.');
        var tokens = text.Split('.');
        var parts = new BigInteger[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Length == 0 || !tokens[i].All(char.IsAsciiDigit))
            {
                return false;
            }
            parts[i] = BigInteger.Parse(tokens[i], System.Globalization.CultureInfo.InvariantCulture);
        }
        version = new MigrationVersion(text, parts);
        return true;
    }

    public static MigrationVersion Parse(string raw) =>
        TryParse(raw, out var version) ? version! : throw new MigrationException($"'{raw}' is not a version: use numbers separated by '.' or '_'.");

    public int CompareTo(MigrationVersion? other)
    {
        if (other is null)
        {
            return 1;
        }
        var length = Math.Max(_parts.Length, other._parts.Length);
        for (var i = 0; i < length; i++)
        {
            var mine = i < _parts.Length ? _parts[i] : BigInteger.Zero;
            var theirs = i < other._parts.Length ? other._parts[i] : BigInteger.Zero;
            var order = mine.CompareTo(theirs);
            if (order != 0)
            {
                return order;
            }
        }
        return 0;
    }

    public bool Equals(MigrationVersion? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => Equals(obj as MigrationVersion);

    // Trailing zeros must not change the hash, since 1.0 equals 1.
    public override int GetHashCode()
    {
        var hash = new HashCode();
        var last = Array.FindLastIndex(_parts, p => !p.IsZero);
        for (var i = 0; i <= last; i++)
        {
            hash.Add(_parts[i]);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => Text;
}
