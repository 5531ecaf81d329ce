namespace Greenlight.Edge.Routing.Rules;

/// <summary>
/// A stable 64-bit hash of a user id: the same id lands in the same place in every process and after
/// every restart (string.GetHashCode is randomised per process). FNV-1a over the UTF-16 code units
/// (http://www.isthe.com/chongo/tech/comp/fnv/), then MurmurHash3's fmix64 finaliser so that ids
/// differing only in their last characters (user-1, user-2) still spread over the high bits.
/// </summary>
internal static class UserHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>A starting state for <see cref="Of"/>; different salts give unrelated hashes of the same id.</summary>
    public static ulong Salt(IEnumerable<string> parts)
    {
        var state = Offset;
        // The separator keeps ["ab", "c"] and ["a", "bc"] apart.
        foreach (var part in parts) state = Add(Add(state, part), "\n");
        return state;
    }

    public static ulong Of(ulong salt, ReadOnlySpan<char> id) => Mix(Add(salt, id));

    private static ulong Add(ulong state, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            state = (state ^ (byte)c) * Prime;
            state = (state ^ (byte)(c >> 8)) * Prime;
        }

        return state;
    }

    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccd;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53;
        return h ^ (h >> 33);
    }
}
