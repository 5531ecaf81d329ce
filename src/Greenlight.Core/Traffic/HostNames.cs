namespace Greenlight.Core.Traffic;

/// <summary>
/// The names of <see cref="AppRoute.Hosts"/>: a DNS name, or <c>*.</c> and a DNS name for any one label in front of it
/// (<c>*.shop.example.com</c> takes <c>a.shop.example.com</c>, neither <c>shop.example.com</c> nor <c>a.b.shop.example.com</c>).
/// Compared without regard to case.
/// </summary>
public static class HostNames
{
    public const string Expected = "a DNS host name such as shop.example.com, or *.shop.example.com for any one label in front of it";

    public static bool IsValid(string? name) =>
        name is not null && Uri.CheckHostName(IsWildcard(name) ? name[2..] : name) == UriHostNameType.Dns && !name.EndsWith('.');

    public static bool IsWildcard(string name) => name.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>The Host a request sent to reach an app naming <paramref name="names"/> carries (checks through the edge): its
    /// first exact name, else its first wildcard with <c>www</c> for the label; null when it names none (it gets every host).</summary>
    public static string? ToReach(IReadOnlyList<string>? names) =>
        names?.FirstOrDefault(n => !IsWildcard(n)) ?? (names is [var wildcard, ..] ? "www" + wildcard[1..] : null);

    /// <summary>Whether a request for <paramref name="host"/> may go to an app naming <paramref name="name"/>.</summary>
    public static bool Matches(string name, string host)
    {
        if (!IsWildcard(name)) return string.Equals(name, host, StringComparison.OrdinalIgnoreCase);
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && host.AsSpan(dot + 1).Equals(name.AsSpan(2), StringComparison.OrdinalIgnoreCase);
    }
}
